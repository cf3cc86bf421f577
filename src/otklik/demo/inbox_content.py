"""Demo content of the feedback inbox (F5, F6): complaints, letters, e-mails and notes of
the main centre, some waiting in the «unlinked» queue, and one complaint of another centre.

Touchpoints are named as (journey title, stage, touchpoint) of ``content.JOURNEYS``; days
are counted back from the day the demo is loaded.
"""

YOUTH = "Профориентация молодёжи: выбор профессии и первое трудоустройство"
EMPLOYERS = "Подбор работников: размещение вакансии и получение кандидатов"

INBOX = [
    {
        "centre": "podolsk",
        "channel": "complaint_book",
        "days_ago": 1,
        "text": "Пришла к 10:00 по записи, а приняли только в 10:50. Администратор сказала "
        "ждать и ничего не объяснила. Прошу навести порядок с очередью!",
    },
    {
        "centre": "podolsk",
        "channel": "letter",
        "days_ago": 2,
        "author": "Ольга",
        "contact": {"name": "Ольга Н.", "email": "olga.demo@example.ru"},
        "text": "Здравствуйте! Мой сын (17 лет) хочет пройти профориентацию, но на сайте не "
        "нашли, как записать несовершеннолетнего. Нужно ли приходить вместе с ним? "
        "Ответьте, пожалуйста, на почту.",
    },
    {
        "centre": "podolsk",
        "channel": "email",
        "days_ago": 4,
        "rating": 5,
        "author": "Дмитрий",
        "text": "Хочу поблагодарить ведущую тренинга «Как пройти собеседование». Было "
        "живо и по делу, через неделю получил предложение о работе.",
    },
    {
        "centre": "podolsk",
        "channel": "contact_centre",
        "days_ago": 3,
        "touchpoint": (YOUTH, "Решение о выборе", "Запись через контакт-центр"),
        "status": "in_work",
        "assigned": "specialist",
        "text": "Дозвонился в контакт-центр только с пятой попытки, потом ещё 15 минут "
        "ждал на линии, чтобы записаться на консультацию.",
    },
    {
        "centre": "podolsk",
        "channel": "review_site",
        "days_ago": 6,
        "rating": 2,
        "touchpoint": (YOUTH, "Поиск информации", "Администратор и навигация в ЦЗН"),
        "text": "2ГИС: внутри непонятно, куда идти, таблички маленькие, охранник "
        "отправил не на тот этаж.",
    },
    {
        "centre": "podolsk",
        "channel": "mystery_shopper",
        "days_ago": 12,
        "touchpoint": (YOUTH, "Прохождение тестирования", "Тестирование по профориентации"),
        "status": "closed",
        "closing_note": "Замечание передано руководителю отдела, инструкция обновлена.",
        "text": "Тайный покупатель: специалист не объяснил, сколько длится тестирование "
        "и когда будут результаты. В остальном вежливо и быстро.",
    },
    {
        "centre": "podolsk",
        "channel": "letter",
        "days_ago": 8,
        "touchpoint": (EMPLOYERS, None, None),
        "text": "ООО «Подольский механический завод»: вакансию разместили, но за две "
        "недели не пришло ни одного кандидата. Просим связаться с нами.",
    },
    {
        "centre": "khimki",
        "channel": "complaint_book",
        "days_ago": 2,
        "text": "В зале ожидания нет места для коляски, пришлось стоять в коридоре.",
    },
]

THANKS_TEMPLATE = {
    "title": "Благодарность за отзыв",
    "text": "Спасибо, что нашли время написать нам! Ваш отзыв помогает делать центр "
    "занятости удобнее. Мы передали его команде и обязательно учтём.",
}
APOLOGY_TEMPLATE = {
    "title": "Извинение и решение",
    "text": "Здравствуйте! Спасибо, что рассказали о проблеме, и простите за неудобства. "
    "Мы разобрались в ситуации: … Если что-то ещё пойдёт не так, напишите нам или "
    "скажите администратору зала — решим сразу.",
}
