# ruff: noqa: E501
"""Demo content of Otklik: organisation, client groups, client KPIs, personas and journeys.

Pure data, no Django: the demo loader turns these structures into database rows.

The Russian text of the client KPIs, of the persona (профайл) and of the reference client
journey is transcribed from the methodology «Прототип системы управления клиентским опытом в
органах СЗН» (Москва, 2021):

* Appendix 1 (Приложение 1) — the client KPIs of the three client groups, in the three groups
  «Индивидуальный подход…», «Легкость», «Приятное взаимодействие» (``KPIS``);
* Appendix 2 (Приложение 2) — the example profile of a young client and the four client KPIs
  listed in it (``PERSONAS[0]``, ``REGIONAL_KPIS``);
* Appendix 6 (Приложение 6) — the example client journey for the vocational-guidance service
  (``JOURNEYS[0]``).

The seed's Appendix 6 is a PDF-extracted table: cells cut mid-sentence are completed minimally,
touchpoint names (the «Точки касания» row is empty in the extraction) are given from their
content, and the «tools» of each touchpoint (§2.2.9) are inferred. Everything else in the
Appendix 6 journey is the seed's own text. The other centres, personas and journeys are
realistic demo data written for Otklik; they are not taken from the seed.

Channel codes, metric codes, split bases, KPI categories and journey statuses are the codes of
``otklik.journeys.choices`` and of the metric catalogue (SPEC X1–X11). Metric corridors are in
each metric's own units: NPS and CES on −100…100, percentages on 0…100, TTFR in seconds, RpC in
replies per conversation, EXT_RATING in stars (1…5).
"""

REGION = {"code": "50", "name": "Московская область"}

CENTRES = [
    {
        "code": "podolsk",
        "name": "ЦЗН Подольск",
        "offices": [
            "Офис на ул. Кирова",
            "Офис в мкр. Климовск",
            "Офис на Революционном проспекте",
        ],
    },
    {
        "code": "balashikha",
        "name": "ЦЗН Балашиха",
        "offices": ["Офис на ул. Советской", "Офис в мкр. Железнодорожный"],
    },
    {
        "code": "khimki",
        "name": "ЦЗН Химки",
        "offices": ["Офис на ул. Калинина", "Офис в мкр. Сходня"],
    },
    {
        "code": "mytishchi",
        "name": "ЦЗН Мытищи",
        "offices": ["Офис на Новомытищинском проспекте"],
    },
    {
        "code": "odintsovo",
        "name": "ЦЗН Одинцово",
        "offices": ["Офис на ул. Маршала Жукова", "Офис в Звенигороде"],
    },
    {
        "code": "kolomna",
        "name": "ЦЗН Коломна",
        "offices": ["Офис на ул. Октябрьской Революции", "Офис в Озёрах"],
    },
    {
        "code": "sergiev_posad",
        "name": "ЦЗН Сергиев Посад",
        "offices": ["Офис на проспекте Красной Армии", "Офис в Хотькове"],
    },
]

# The three client groups of App. 1 §9; segments follow §2.2.4 and §2.2.6.
CLIENT_GROUPS = [
    {
        "code": "job_seekers",
        "name": "Соискатели",
        "mission": "Помогать каждому соискателю быстро найти подходящую работу или путь к ней — адресно, просто и с уважением к его времени.",
        "segments": [
            {"code": "youth", "name": "Молодёжь (16–23 года)"},
            {"code": "pre_retirees", "name": "Предпенсионеры"},
            {"code": "disabled", "name": "Граждане с инвалидностью"},
            {"code": "young_parents", "name": "Молодые родители"},
            {"code": "migrants", "name": "Мигранты"},
            {"code": "self_employed", "name": "Самозанятые"},
            {"code": "unemployed", "name": "Безработные граждане"},
        ],
    },
    {
        "code": "employers",
        "name": "Работодатели",
        "mission": "Быстро и без лишней бюрократии обеспечивать работодателей подходящими работниками и сопровождать их на всём пути подбора.",
        "segments": [
            {"code": "large_business", "name": "Крупный бизнес"},
            {"code": "sme", "name": "Малый и средний бизнес"},
            {"code": "individual_entrepreneurs", "name": "Индивидуальные предприниматели"},
            {"code": "public_sector", "name": "Государственные и муниципальные учреждения"},
        ],
    },
    {
        "code": "public_bodies",
        "name": "Органы власти и иные организации",
        "mission": "Быть для органов власти и партнёров надёжным экспертным центром рынка труда: актуальные данные, оперативные ответы, компетентная поддержка.",
        "segments": [
            {"code": "regional_authorities", "name": "Органы государственной власти субъекта РФ"},
            {"code": "municipalities", "name": "Органы местного самоуправления"},
            {"code": "education", "name": "Образовательные организации"},
            {
                "code": "non_profits",
                "name": "Некоммерческие организации и объединения работодателей",
            },
        ],
    },
]

# Every item of the three per-group tables of App. 1 (after §9), verbatim (list numbers and a
# trailing full stop dropped). Order: «Индивидуальный подход…», «Легкость», «Приятное
# взаимодействие»; within each, the table order. The employers' «Легкость» list in the seed
# numbers its first two items «1.» twice; both are kept.
KPIS = [
    # --- Соискатели ---------------------------------------------------------------------------
    {
        "client_group": "job_seekers",
        "category": "individual",
        "name": "Подстройка под индивидуальные возможности и нужды, адресность",
        "active": True,
        "metrics": [
            {"code": "CSAT", "target_low": 80.0, "target_high": 100.0, "amber_margin": 5.0},
            {"code": "NPS", "target_low": 30.0, "target_high": 100.0, "amber_margin": 10.0},
        ],
    },
    {
        "client_group": "job_seekers",
        "category": "individual",
        "name": "Персональный подход к предоставлению услуг/сервисов с учетом индивидуальных нужд, потребностей и возможностей",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "individual",
        "name": "Надежность получения результата (оказание услуг и сервисов вовремя и в точно отведенные сроки)",
        "active": True,
        "metrics": [
            {"code": "RR", "target_low": 90.0, "target_high": 100.0, "amber_margin": 5.0},
        ],
    },
    {
        "client_group": "job_seekers",
        "category": "individual",
        "name": "Общение на языке соискателя",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "individual",
        "name": "Индивидуальное отслеживание карьерной траектории",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "ease",
        "name": "Минимизация усилий при обращении",
        "active": True,
        "metrics": [
            {"code": "CES", "target_low": 40.0, "target_high": 100.0, "amber_margin": 10.0},
            {"code": "FCR", "target_low": 70.0, "target_high": 100.0, "amber_margin": 10.0},
        ],
    },
    {
        "client_group": "job_seekers",
        "category": "ease",
        "name": "Простота и понятность процесса оформления услуги / сервиса",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "ease",
        "name": "Понятность и доступность информации об услугах / сервисах и механизмах их получения",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "ease",
        "name": "Комплексный подход к предоставлению услуг/сервисов",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "ease",
        "name": "Обеспечение высокой скорости реагирования на запросы и потребности",
        "active": True,
        "metrics": [
            # TTFR in seconds: first response within 4 working hours, amber up to 5 hours.
            {"code": "TTFR", "target_low": 0.0, "target_high": 14400.0, "amber_margin": 3600.0},
        ],
    },
    {
        "client_group": "job_seekers",
        "category": "ease",
        "name": "Обеспечение широкого выбора каналов взаимодействия (омниканальность)",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "ease",
        "name": "Обеспечение единых стандартов к работе вне зависимости от местоположения ЦЗН (исключение различия разных процедур предоставления услуг/сервисов в разных регионах)",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "pleasant",
        "name": "Вовлеченность сотрудников в решение задачи гражданина",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "pleasant",
        "name": "Внимание, отзывчивость сотрудников, эмпатия, уважение",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "pleasant",
        "name": "Комфортное помещение, инфраструктура здания и его расположения, повышение качества очного обслуживания",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "pleasant",
        "name": "Отсутствие очередей, экономия времени гражданина",
        "active": True,
        "metrics": [
            {"code": "CSAT", "target_low": 80.0, "target_high": 100.0, "amber_margin": 5.0},
            {"code": "CES", "target_low": 40.0, "target_high": 100.0, "amber_margin": 10.0},
        ],
    },
    {
        "client_group": "job_seekers",
        "category": "pleasant",
        "name": "Поддержка после трудоустройства (сопровождение гражданина после предоставления комплекса услуг)",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "pleasant",
        "name": "Компетентность сотрудников ЦЗН, грамотность",
        "active": True,
        "metrics": [
            {"code": "IQS", "target_low": 85.0, "target_high": 100.0, "amber_margin": 5.0},
            {"code": "ER", "target_low": 0.0, "target_high": 15.0, "amber_margin": 5.0},
        ],
    },
    {
        "client_group": "job_seekers",
        "category": "pleasant",
        "name": "Проактивность и предиктивность предоставления услуг/сервисов",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "pleasant",
        "name": "Общение на языке гражданина (понятность, доступность общения) (с учетом индивидуальных особенностей)",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "pleasant",
        "name": "Сопровождение гражданина на всем процессе получения услуги/сервисов одним лицом (устранение ситуаций переключения гражданина на других сотрудников, другие отделы)",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "pleasant",
        "name": "Соответствовать или превосходить ожидания клиента",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "pleasant",
        "name": "Прозрачность и рациональность всех процессов",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "job_seekers",
        "category": "pleasant",
        "name": "Соблюдение стандартов, единых требований обслуживания",
        "active": False,
        "metrics": [],
    },
    # --- Работодатели -------------------------------------------------------------------------
    {
        "client_group": "employers",
        "category": "individual",
        "name": "Подстройка под индивидуальные возможности и нужды работодателя, адресный подход к оказанию услуг",
        "active": True,
        "metrics": [
            {"code": "CSAT", "target_low": 80.0, "target_high": 100.0, "amber_margin": 5.0},
        ],
    },
    {
        "client_group": "employers",
        "category": "individual",
        # Verbatim; «инициальных» is the seed's own wording.
        "name": "Комплексный подход к предоставлению услуг/сервисов с учетом инициальных аспектов",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "employers",
        "category": "individual",
        "name": "Надежность получения результата (оказание услуг и сервисов вовремя и в точно отведенные сроки)",
        "active": True,
        "metrics": [
            {"code": "RR", "target_low": 90.0, "target_high": 100.0, "amber_margin": 5.0},
        ],
    },
    {
        "client_group": "employers",
        "category": "ease",
        "name": "Электронный документооборот (минимизация бумаги, избавление от бюрократии)",
        "active": True,
        "metrics": [
            {"code": "CES", "target_low": 40.0, "target_high": 100.0, "amber_margin": 10.0},
        ],
    },
    {
        "client_group": "employers",
        "category": "ease",
        "name": "Комплексный подход к предоставлению услуг / сервисов",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "employers",
        "category": "ease",
        "name": "Минимизация усилий при обращении, оперативное решение вопросов",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "employers",
        "category": "ease",
        "name": "Обеспечение широкого выбора каналов взаимодействия (омниканальность)",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "employers",
        "category": "ease",
        "name": "Понятность и доступность информации об услугах (сервисах) и механизмах их получения",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "employers",
        "category": "ease",
        "name": "Обеспечение высокой скорости реагирования на запросы и потребности",
        "active": True,
        "metrics": [
            # TTFR in seconds: first response within 2 working hours, amber up to 3 hours.
            {"code": "TTFR", "target_low": 0.0, "target_high": 7200.0, "amber_margin": 3600.0},
            {"code": "FCR", "target_low": 70.0, "target_high": 100.0, "amber_margin": 10.0},
        ],
    },
    {
        "client_group": "employers",
        "category": "ease",
        "name": "Прозрачность внутренних и внешних процессов функционирования (в т.ч. обеспечение возможности обратиться к руководству)",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "employers",
        "category": "ease",
        "name": "Приращение ценности",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "employers",
        "category": "pleasant",
        "name": "Компетентность сотрудников ЦЗН",
        "active": True,
        "metrics": [
            {"code": "IQS", "target_low": 85.0, "target_high": 100.0, "amber_margin": 5.0},
            {"code": "ER", "target_low": 0.0, "target_high": 15.0, "amber_margin": 5.0},
        ],
    },
    {
        "client_group": "employers",
        "category": "pleasant",
        "name": "Заинтересованность сотрудников ЦЗН в содействии",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "employers",
        "category": "pleasant",
        "name": "Поддержка, готовность помочь в любой момент",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "employers",
        "category": "pleasant",
        "name": "Быстрое реагирование на запросы, экономия времени работодателя",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "employers",
        "category": "pleasant",
        "name": "Информационная доступность, прозрачность ЦЗН",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "employers",
        "category": "pleasant",
        "name": "Проактивность и предиктивность предоставления услуг/сервисов",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "employers",
        "category": "pleasant",
        "name": "Сопровождение работодателей на протяжении всего процесса получения услуг/сервисов, оперативное информирование о статусе предоставления услуги/сервиса",
        "active": True,
        "metrics": [
            {"code": "NPS", "target_low": 30.0, "target_high": 100.0, "amber_margin": 10.0},
            {"code": "RpC", "target_low": 0.0, "target_high": 3.0, "amber_margin": 1.0},
        ],
    },
    {
        "client_group": "employers",
        "category": "pleasant",
        "name": "Прозрачность и рациональность всех процессов",
        "active": False,
        "metrics": [],
    },
    # --- Органы власти и иные организации ------------------------------------------------------
    {
        "client_group": "public_bodies",
        "category": "individual",
        "name": "Учет особенностей и профессиональных интересов той или иной группы при работе",
        "active": True,
        "metrics": [
            {"code": "CSAT", "target_low": 80.0, "target_high": 100.0, "amber_margin": 5.0},
        ],
    },
    {
        "client_group": "public_bodies",
        "category": "individual",
        "name": "Подстройка под индивидуальные возможности и нужды",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "public_bodies",
        "category": "ease",
        "name": "Регулярное обновление информации, актуальное информирование",
        "active": True,
        "metrics": [
            {"code": "CSAT", "target_low": 80.0, "target_high": 100.0, "amber_margin": 5.0},
        ],
    },
    {
        "client_group": "public_bodies",
        "category": "ease",
        "name": "Простота и доступность информации",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "public_bodies",
        "category": "ease",
        "name": "Обеспечение высокой скорости реагирования на запросы и потребности",
        "active": True,
        "metrics": [
            # TTFR in seconds: first response within one working day (8 hours), amber +4 hours.
            {"code": "TTFR", "target_low": 0.0, "target_high": 28800.0, "amber_margin": 14400.0},
            {"code": "RR", "target_low": 95.0, "target_high": 100.0, "amber_margin": 3.0},
        ],
    },
    {
        "client_group": "public_bodies",
        "category": "ease",
        "name": "Обеспечение широкого выбора каналов взаимодействия (омниканальность)",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "public_bodies",
        "category": "pleasant",
        "name": "Проактивность и предиктивность в работе с экспертной группой",
        "active": False,
        "metrics": [],
    },
    {
        "client_group": "public_bodies",
        "category": "pleasant",
        "name": "Компетентность при работе с экспертными группами",
        "active": True,
        "metrics": [
            {"code": "IQS", "target_low": 85.0, "target_high": 100.0, "amber_margin": 5.0},
        ],
    },
    {
        "client_group": "public_bodies",
        "category": "pleasant",
        "name": "Оперативная обратная связь и поддержка экспертных групп",
        "active": True,
        "metrics": [
            {"code": "FCR", "target_low": 70.0, "target_high": 100.0, "amber_margin": 10.0},
            {"code": "RpC", "target_low": 0.0, "target_high": 3.0, "amber_margin": 1.0},
        ],
    },
]

# The four client KPIs of the App. 2 profile, as the region's own additions (§2.1.6) for the
# youth segment; verbatim, without the list's trailing «;» and «.».
REGIONAL_KPIS = [
    {
        "client_group": "job_seekers",
        "segment": "youth",
        "category": "individual",
        "name": "Адресный подход, учет индивидуальных особенностей",
        "active": True,
        "metrics": [
            {"code": "CSAT", "target_low": 80.0, "target_high": 100.0, "amber_margin": 5.0},
            {"code": "NPS", "target_low": 30.0, "target_high": 100.0, "amber_margin": 10.0},
        ],
    },
    {
        "client_group": "job_seekers",
        "segment": "youth",
        "category": "ease",
        "name": "Быстрая скорость реагирования на запросы, вопросы",
        "active": True,
        "metrics": [
            # TTFR in seconds: young people expect an answer in social networks and messengers
            # within an hour; amber up to 2 hours.
            {"code": "TTFR", "target_low": 0.0, "target_high": 3600.0, "amber_margin": 3600.0},
            {"code": "FCR", "target_low": 70.0, "target_high": 100.0, "amber_margin": 10.0},
        ],
    },
    {
        "client_group": "job_seekers",
        "segment": "youth",
        "category": "pleasant",
        "name": "Общение на не бюрократическом и молодежном языке",
        "active": True,
        "metrics": [
            {"code": "CSAT", "target_low": 80.0, "target_high": 100.0, "amber_margin": 5.0},
            {"code": "IQS", "target_low": 85.0, "target_high": 100.0, "amber_margin": 5.0},
        ],
    },
    {
        "client_group": "job_seekers",
        "segment": "youth",
        "category": "pleasant",
        "name": "Компетентность, заинтересованность, внимание сотрудников ЦЗН",
        "active": True,
        "metrics": [
            {"code": "IQS", "target_low": 85.0, "target_high": 100.0, "amber_margin": 5.0},
            {"code": "NPS", "target_low": 30.0, "target_high": 100.0, "amber_margin": 10.0},
        ],
    },
]

# PERSONAS[0] is the App. 2 profile, verbatim. Persona KPIs are names of items of KPIS or
# REGIONAL_KPIS of the persona's own client group (several names occur in more than one group).
PERSONAS = [
    {
        "name": "Выпускница: выбор профессии и первая работа",
        "client_group": "job_seekers",
        "segment": "youth",
        "age_from": 16,
        "age_to": 23,
        "family_status": "не замужем",
        "education": "среднее общее, среднее профессиональное, высшее (бакалавриат) (гуманитарная сфера)",
        "region": "Московская область",
        "preferred_channels": ["social", "website", "messenger"],
        "channel_notes": "Готовность нечасто посещать ЦЗН",
        "goal": "определить, какая профессия подходит, выбрать место для первого трудоустройства",
        "values": [
            "Главное на данном этапе – карьерный рост, личный успех, самореализация",
            "Готовность и желание обучаться чему-то новому, прокачивать свои навыки на практике",
            "Ценит стабильность, здоровье, время",
            "Является активным пользователем социальных сетей и мессенджеров (VK Instagram Facebook TikTok Telegram WhatsApp)",
        ],
        "desires": [
            "Определить, какая именно профессия подходит",
            "Найти хорошую работу, соответствующую приобретенным знаниям и навыкам в учебном заведении",
            "Найти работу быстро",
            "Место работы – точка для карьерного роста",
            "Хорошая должность, «белая» высокая зарплата",
        ],
        "pains": [
            "Боится, что будет сложно определить подходящую профессию",
            "Боится ошибиться с выбранной профессией, разочароваться в ней, потерять время на неподходящей работе",
            "Боится, что будет сложно трудоустроиться, что работа будет неинтересной",
            "Давление общества, давление родителей",
            "Боится, что не сможет себя реализовать",
        ],
        "kpis": [
            "Адресный подход, учет индивидуальных особенностей",
            "Быстрая скорость реагирования на запросы, вопросы",
            "Общение на не бюрократическом и молодежном языке",
            "Компетентность, заинтересованность, внимание сотрудников ЦЗН",
        ],
    },
    {
        "name": "Менеджер по персоналу производственной компании",
        "client_group": "employers",
        "segment": "sme",
        "age_from": 30,
        "age_to": 45,
        "family_status": "замужем, двое детей",
        "education": "высшее (управление персоналом)",
        "region": "Московская область",
        "preferred_channels": ["portal", "email", "contact_centre", "messenger"],
        "channel_notes": "Решает вопросы дистанционно; лично приезжает в ЦЗН только на ярмарки вакансий",
        "goal": "быстро закрывать вакансии рабочих специальностей подходящими кандидатами без лишней бумажной работы",
        "values": [
            "Экономия времени и предсказуемые сроки",
            "Надёжные партнёры, которые выполняют обещания",
            "Понятные правила и минимум бюрократии",
        ],
        "desires": [
            "Разместить вакансию за несколько минут через личный кабинет",
            "Получать подходящих кандидатов, а не поток случайных резюме",
            "Иметь одного контактного менеджера в ЦЗН",
            "Заранее узнавать о мерах поддержки работодателей",
        ],
        "pains": [
            "Направленные ЦЗН кандидаты не приходят на собеседование",
            "Одни и те же сведения приходится заполнять по нескольку раз",
            "Долго ждать ответа на вопрос по телефону",
            "Непонятно, кто в ЦЗН отвечает за вакансию",
        ],
        "kpis": [
            "Подстройка под индивидуальные возможности и нужды работодателя, адресный подход к оказанию услуг",
            "Электронный документооборот (минимизация бумаги, избавление от бюрократии)",
            "Обеспечение высокой скорости реагирования на запросы и потребности",
            "Сопровождение работодателей на протяжении всего процесса получения услуг/сервисов, оперативное информирование о статусе предоставления услуги/сервиса",
        ],
    },
    {
        "name": "Специалист, потерявший работу после сокращения",
        "client_group": "job_seekers",
        "segment": "unemployed",
        "age_from": 35,
        "age_to": 50,
        "family_status": "женат, двое детей",
        "education": "среднее профессиональное (техник-технолог)",
        "region": "Московская область",
        "preferred_channels": ["portal", "office", "sms", "contact_centre"],
        "channel_notes": "Готов прийти в ЦЗН, но хочет, чтобы визит был один и без очереди",
        "goal": "получить пособие по безработице и как можно быстрее найти работу с сопоставимой зарплатой",
        "values": [
            "Стабильность и уверенность в завтрашнем дне",
            "Ответственность за семью",
            "Честность и понятные правила",
        ],
        "desires": [
            "Встать на учёт без лишних справок и походов по кабинетам",
            "Получать пособие вовремя",
            "Найти работу по специальности недалеко от дома",
            "Понимать, что ему предлагают и сколько продлится поиск",
        ],
        "pains": [
            "Неловко и тревожно обращаться в службу занятости",
            "Боится потерять время на бумажную волокиту",
            "Не понимает, как рассчитано пособие и почему оно меньше ожидаемого",
            "Предложенные вакансии не соответствуют его опыту",
        ],
        "kpis": [
            "Минимизация усилий при обращении",
            "Надежность получения результата (оказание услуг и сервисов вовремя и в точно отведенные сроки)",
            "Отсутствие очередей, экономия времени гражданина",
            "Подстройка под индивидуальные возможности и нужды, адресность",
        ],
    },
    {
        "name": "Предпенсионерка, осваивающая новую профессию",
        "client_group": "job_seekers",
        "segment": "pre_retirees",
        "age_from": 55,
        "age_to": 62,
        "family_status": "замужем, взрослые дети, есть внуки",
        "education": "среднее профессиональное (бухгалтер)",
        "region": "Московская область",
        "preferred_channels": ["office", "contact_centre", "paper", "sms"],
        "channel_notes": "Предпочитает личное общение со специалистом и печатные памятки; смартфоном пользуется, но формы на портале заполняет с трудом",
        "goal": "бесплатно освоить востребованную профессию и сохранить работу или найти новую до выхода на пенсию",
        "values": [
            "Уважение к опыту и возрасту",
            "Стабильный доход и официальное трудоустройство",
            "Семья и возможность помогать детям и внукам",
        ],
        "desires": [
            "Выбрать обучение, которое точно пригодится на работе",
            "Учиться в спокойном темпе и с понятными объяснениями",
            "Иметь одного специалиста, к которому можно обратиться с любым вопросом",
        ],
        "pains": [
            "Боится, что не справится с обучением и новыми технологиями",
            "Опасается, что работодатели откажут из-за возраста",
            "Теряется в длинных инструкциях и электронных формах",
        ],
        "kpis": [
            "Персональный подход к предоставлению услуг/сервисов с учетом индивидуальных нужд, потребностей и возможностей",
            "Индивидуальное отслеживание карьерной траектории",
            "Общение на языке гражданина (понятность, доступность общения) (с учетом индивидуальных особенностей)",
            "Внимание, отзывчивость сотрудников, эмпатия, уважение",
            "Компетентность сотрудников ЦЗН, грамотность",
        ],
    },
    {
        "name": "Молодая мама в поиске работы с гибким графиком",
        "client_group": "job_seekers",
        "segment": "young_parents",
        "age_from": 24,
        "age_to": 35,
        "family_status": "замужем, ребёнок двух лет",
        "education": "высшее (экономика)",
        "region": "Московская область",
        "preferred_channels": ["messenger", "chat_bot", "portal", "social"],
        "channel_notes": "Приезжать в ЦЗН может только с ребёнком или по записи на точное время; удобнее решать всё онлайн",
        "goal": "найти работу с неполным днём или удалённую, чтобы совмещать её с уходом за ребёнком",
        "values": [
            "Время с семьёй",
            "Финансовая независимость",
            "Профессиональное развитие после декретного отпуска",
        ],
        "desires": [
            "Решать все вопросы с ЦЗН онлайн, без визитов",
            "Получать вакансии только с подходящим графиком",
            "Пройти собеседование по видеосвязи",
        ],
        "pains": [
            "Работодатели отказывают, узнав о маленьком ребёнке",
            "Нет времени на долгие звонки и ожидание на линии",
            "Вакансии с «гибким графиком» на деле оказываются полным днём",
        ],
        "kpis": [
            "Обеспечение широкого выбора каналов взаимодействия (омниканальность)",
            "Минимизация усилий при обращении",
            "Подстройка под индивидуальные возможности и нужды, адресность",
            "Обеспечение высокой скорости реагирования на запросы и потребности",
        ],
    },
]

SERVICES = [
    {
        "name": "Организация профессиональной ориентации граждан в целях выбора сферы деятельности (профессии), трудоустройства, прохождения профессионального обучения и получения дополнительного профессионального образования"
    },
    {"name": "Содействие работодателям в подборе необходимых работников"},
    {
        "name": "Осуществление социальных выплат гражданам, признанным в установленном порядке безработными"
    },
    {
        "name": "Организация профессионального обучения и дополнительного профессионального образования граждан предпенсионного возраста"
    },
    {"name": "Содействие гражданам в поиске подходящей работы"},
]

# Metric codes of the seed that are garbled in the extraction are mapped to the nearest code:
# «GFS» (stage «Решение о выборе», the site column) → CES; «СВ-?» (stage «Оценка работы») →
# CV-1. Where a metrics cell of App. 6 lists only measurement methods and no metric code, the
# codes are taken from the seed's own cell for the same kind of touchpoint and marked below.
JOURNEYS = [
    # ============================================================ App. 6, the reference journey
    {
        "title": "Профориентация молодёжи: выбор профессии и первое трудоустройство",
        "service": "Организация профессиональной ориентации граждан в целях выбора сферы деятельности (профессии), трудоустройства, прохождения профессионального обучения и получения дополнительного профессионального образования",
        "client_group": "job_seekers",
        "segment": "youth",
        "persona": "Выпускница: выбор профессии и первая работа",
        "split_basis": "service_type",
        "centre": "podolsk",
        "status": "active",
        "description": "Пример маршрута клиента СЗН из Приложения 6 методики: молодой человек выбирает профессию с помощью услуги по профессиональной ориентации — от поиска информации до оценки работы ЦЗН. В примере предложено избирательное количество метрик, целесообразно выбрать оптимальные метрики для конкретного ЦЗН.",
        "stages": [
            {
                "name": "Поиск информации",
                "citizen_goal": "Получение полной информации на доступном языке о порядке получения услуги, необходимых документах и предварительной записи на получение услуги",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "Гражданин осознал необходимость получить услугу «Организация профессиональной ориентации граждан в целях выбора сферы деятельности (профессии), трудоустройства, прохождения профессионального обучения и получения дополнительного профессионального образования».",
                "touchpoints": [
                    {
                        "name": "Сайт ЦЗН",
                        "channel": "website",
                        "description": "Поиск сведений об услуге, порядке ее получения и необходимых документах на сайте ЦЗН и через поисковые системы.",
                        "citizen_thoughts": [
                            "Как правильно сформулировать поисковой запрос?",
                            "Столько информации! Какой сайт выбрать, чтобы получить исчерпывающие сведения?",
                            "Насколько легко найти нужную информацию?",
                        ],
                        "centre_goal": [
                            "Вести сайт и обеспечивать его бесперебойную работу.",
                            "Обеспечить оптимальный интерфейс сайта, на котором легко ориентироваться.",
                            "Обеспечить актуальность и информативность размещенной на сайте информации.",
                        ],
                        "metrics": ["CES", "CV-1", "CV-2"],
                        "measurement_methods": ["Контент-анализ социальных медиа (сетей)"],
                        "barriers": [
                            "Отсутствие сайта",
                            "Неактуальное оснащение сайта.",
                            "Неудобный интерфейс.",
                            "Отсутствие информации.",
                        ],
                        "owners": ["IT-отдел", "системные администраторы"],
                        "tools": [
                            "Поиск по сайту",
                            "Страница услуги с описанием порядка получения и перечнем документов",
                            "Версия сайта для слабовидящих",
                            "Ссылки на портал госуслуг и портал «Работа России»",
                        ],
                        "improvement_tools": [
                            "Создание сайта, удобного интерфейса, наглядности (UX/UI дизайн), регулярная актуализация и обновление сайта, размещение достоверной информации баннеров/лендингов на портал госуслуг, Работа в России, ОИВ и т.д.",
                            "Обеспечение быстрого нахождения сайта через поисковики.",
                        ],
                    },
                    {
                        "name": "Контакт-центр",
                        "channel": "contact_centre",
                        "description": "Звонок в контакт-центр ЦЗН, чтобы узнать порядок получения услуги.",
                        "citizen_thoughts": [
                            "Бесплатный ли звонок для абонента?",
                            "Сколько времени займет весь звонок?",
                            "Можно ли сразу переключиться на оператора, не выбирая многочисленные варианты ответа в автоматизированной системе?",
                            "Сразу ли оператор ответит на звонок или придется подождать?",
                        ],
                        "centre_goal": [
                            "Обеспечить эффективную работу контакт-центра.",
                            "Обучать сотрудников контакт-центра общению по телефону, работе с информацией",
                        ],
                        "metrics": ["RR", "IQS", "ER", "FCR", "RpC"],
                        "measurement_methods": [
                            "Опрос в конце разговора с оператором",
                            "Статистика и тематика обращений",
                        ],
                        "barriers": [
                            "Нет контакт-центра.",
                            "Мало сотрудников контакт-центра (долгое ожидание).",
                            "Отсутствие возможности постоянно обучать сотрудников контакт-центра.",
                        ],
                        "owners": [
                            "Руководство",
                            "сотрудники контакт-центра",
                            "IT-отдел",
                            "системные администраторы",
                        ],
                        "tools": [
                            "Единый телефонный номер ЦЗН",
                            "Голосовое меню",
                            "Заказ обратного звонка",
                        ],
                        "improvement_tools": [
                            "Создание контакт-центра (бесплатного номера), обеспечение штата специалистов контакт-центра.",
                            "Мотивация и обучение специалистов контакт-центра.",
                            # The cell is cut after «…после окончания разговора»; completed as
                            # in the same contact-centre cell of the next stage.
                            "Внедрение механизмов оценки телефонного разговора и консультации оператора (сайты «отзовики», предложение оценить консультацию после окончания разговора, SMS-информирование).",
                        ],
                    },
                    {
                        "name": "Дорога до ЦЗН",
                        "channel": "office",
                        "description": "Путь до здания ЦЗН на общественном транспорте или автомобиле, парковка и вход в здание.",
                        "citizen_thoughts": [
                            "Удобно ли добираться до ЦЗН на общественном транспорте/автомобиле?",
                            "Есть ли парковка для автомобилей, бесплатная ли она?",
                            "Удобно ли подойти к ЦЗН, зайти внутрь, если есть трудности с передвижением?",
                        ],
                        "centre_goal": [
                            "Обеспечить оптимальное месторасположение ЦЗН, наличие парковки, удобного входа, пандусов для инвалидов и т.д.",
                        ],
                        # The third metrics cell of this stage covers the whole visit to the
                        # centre (this touchpoint and the next two).
                        "metrics": ["CES", "RR", "IQS", "FCR", "RpC"],
                        "measurement_methods": [
                            "Статистика посещений",
                            "Опрос на выходе",
                            "Тайный покупатель",
                        ],
                        "barriers": [
                            "Неудобное, недоступное расположение.",
                            "Сложная логистика.",
                            "Отсутствие парковки, входа, пандусов. И т.д.",
                        ],
                        "owners": ["Руководство", "административно-хозяйственный отдел"],
                        "tools": [
                            "Схема проезда на сайте и в социальных сетях ЦЗН",
                            "Карточка ЦЗН на онлайн-картах",
                            "Парковка, пандус и кнопка вызова персонала у входа",
                        ],
                        "improvement_tools": [
                            "При создании ЦЗН – выбор оптимально удобного и доступного расположения здания. Обеспечение соответствия помещения центра бренд-буку.",
                            "Оптимизация логистики - взаимодействие с органами местного самоуправления.",
                            # Cut after «о способах»; completed as in the same cell of the
                            # next stage.
                            "Обеспечение полноты, доступности и актуальности информации о способах добраться до ЦЗН на сайте и в социальных сетях ЦЗН, а также у специалистов контакт-центра и администраторов ЦЗН.",
                        ],
                    },
                    {
                        "name": "Администратор и навигация в ЦЗН",
                        "channel": "office",
                        "description": "Встреча с администратором, информационные стенды и навигация внутри помещения ЦЗН.",
                        "citizen_thoughts": [
                            "Есть ли в центре информационные стенды, на которых можно самостоятельно все посмотреть?",
                            "Администратор может объяснить, что делать, к кому обратиться, в какое окно пройти?",
                            "Он/она – вежливый, приветливый человек? Опрятно ли выглядит?",
                            "Легко ли найти свой кабинет?",
                        ],
                        "centre_goal": [
                            "Обеспечить комфортность и удобство внутреннего помещения ЦЗН, наличие стендов, понятной навигации и т.д.",
                            "Обучать сотрудников ЦЗН работе с гражданами",
                        ],
                        "metrics": ["CES", "RR", "IQS", "FCR", "RpC"],
                        "measurement_methods": [
                            "Статистика посещений",
                            "Опрос на выходе",
                            "Тайный покупатель",
                        ],
                        "barriers": [
                            "Отсутствие оформления помещения ЦЗН.",
                            "Отсутствие внутреннего стандарта обслуживания заявителей (в т.ч. невозможность обеспечить их фирменной униформой).",
                        ],
                        "owners": [
                            "Руководство",
                            "административно-хозяйственный отдел",
                            "HR отдел",
                            "отдел по работе с гражданами",
                        ],
                        "tools": [
                            "Стойка администратора",
                            "Информационные стенды",
                            "Навигационные указатели",
                        ],
                        "improvement_tools": [
                            "Оформление помещения ЦЗН в соответствии с требованиями, бренд-буком, обеспечение сотрудников униформой.",
                            "Обеспечение достоверного и актуального наполнения инфостендов.",
                            "Анализ кадрового состава и потенциала, обеспечение нормальных условий для организации работы сотрудников. Создание базы, платформы для обучения сотрудников, работа с материальным и нематериальным стимулированием и мотивированием сотрудников.",
                        ],
                    },
                    {
                        "name": "Консультация специалиста ЦЗН",
                        "channel": "office",
                        "description": "Консультация специалиста ЦЗН о порядке получения услуги и необходимых документах.",
                        "citizen_thoughts": [
                            "Специалист ЦЗН вежливый, внимательный?",
                            "Он все доходчиво объясняет, терпеливо повторяет, если мне что-то непонятно? Отвечает на вопросы?",
                            "Мне хотелось бы получить какую-то памятку или бумагу со списком нужных документов, чтобы с ней сверяться.",
                        ],
                        "centre_goal": [
                            "Обучать сотрудников ЦЗН работе с гражданами.",
                            "Обучать сотрудников грамотному предоставлению услуг.",
                        ],
                        "metrics": ["CES", "RR", "IQS", "FCR", "RpC"],
                        "measurement_methods": [
                            "Статистика посещений",
                            "Опрос на выходе",
                            "Тайный покупатель",
                        ],
                        "barriers": [
                            "Отсутствие внимания к заявителю.",
                            "Неграмотность сотрудников ЦЗН.",
                            "Отсутствие обучения по работе с гражданами.",
                        ],
                        "owners": ["HR отдел", "отдел по работе с гражданами", "руководство"],
                        "tools": [
                            "Памятка с перечнем необходимых документов",
                            "Рабочее место специалиста с доступом к информационной системе ЦЗН",
                        ],
                        "improvement_tools": [
                            "Анализ кадрового состава и потенциала, обеспечение нормальных условий для организации работы сотрудников. Создание базы, платформы для обучения сотрудников, работа с материальным и нематериальным стимулированием и мотивированием сотрудников.",
                        ],
                    },
                ],
            },
            {
                "name": "Решение о выборе",
                "citizen_goal": "Выбор оптимального способа записи в ЦЗН",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Запись через сайт ЦЗН",
                        "channel": "website",
                        "description": "Выбор ЦЗН по отзывам и самостоятельная предварительная запись на прием через сайт ЦЗН.",
                        "citizen_thoughts": [
                            "Было бы полезно изучить отзывы других людей на обслуживание в офисах ЦЗН?",
                            "Легко ли найти форму записи на прием на сайте?",
                            "Можно ли выбрать удобную мне дату и ближайший ко мне (к месту жительства) офис ЦЗН?",
                        ],
                        "centre_goal": [
                            "Обеспечение возможности записи удаленно через сайт ЦЗН.",
                        ],
                        # «GFS» in the seed is garbled: mapped to CES.
                        "metrics": ["CES"],
                        "measurement_methods": [
                            "Анализ контента в социальных сетях, на сайтах - «отзовиках»",
                        ],
                        "barriers": [
                            "Отсутствие функционала предварительной записи.",
                            "Сложность процедуры самостоятельной записи.",
                        ],
                        "owners": ["IT-отдел", "системные администраторы"],
                        "tools": [
                            "Форма предварительной записи на сайте ЦЗН",
                            "Выбор офиса, даты и времени приема",
                            "Отзывы граждан на онлайн-картах и сайтах-«отзовиках»",
                        ],
                        "improvement_tools": [
                            "Внедрение функционала предварительной записи на сайте ЦЗН, обеспечение удобного/нативного расположения инструмента предзаписи на сайте. Максимальное упрощение процедуры предварительной записи (анализ и оптимизация необходимости вводимых данных).",
                            "Обеспечение возможности предзаписи или быстрого перехода к ней с портала госуслуг и из социальных сетей ЦЗН.",
                        ],
                    },
                    {
                        "name": "Запись через контакт-центр",
                        "channel": "contact_centre",
                        "description": "Запись на прием в ЦЗН по телефону через оператора контакт-центра.",
                        "citizen_thoughts": [
                            "Бесплатный ли звонок для абонента?",
                            "Можно ли сразу переключиться на оператора, не выбирая многочисленные варианты ответа в автоматизированной системе?",
                            "Сразу ли оператор ответит на звонок, или придется подождать?",
                            "Не будет ли он перебрасывать звонок на другого специалиста, а тот - на третьего?",
                        ],
                        "centre_goal": [
                            "Обеспечение возможности записи через контакт-центр.",
                            "Обучение специалистов контакт-центра.",
                        ],
                        # The seed's cell lists only the two methods below; the metric codes
                        # are those of the contact-centre cell of stage «Поиск информации».
                        "metrics": ["RR", "IQS", "ER", "FCR", "RpC"],
                        "measurement_methods": [
                            "Опрос в конце разговора с оператором",
                            "Статистика и тематика обращений",
                        ],
                        "barriers": [
                            "Отсутствие контакт-центра.",
                            "Мало сотрудников контакт-центра (долгое ожидание).",
                            "Неграмотность и некомпетентность сотрудников контакт-центра.",
                        ],
                        "owners": [
                            "Руководство",
                            "сотрудники контакт-центра",
                            "IT-отдел",
                            "системные администраторы",
                        ],
                        "tools": [
                            "Запись на прием через оператора",
                            "СМС-подтверждение записи",
                        ],
                        "improvement_tools": [
                            "Создание контакт-центра (бесплатного номера), обеспечение штата специалистов контакт-центра.",
                            "Мотивация и обучение специалистов контакт-центра.",
                            "Внедрение механизмов оценки телефонного разговора и консультаций оператора (сайты «отзовики», предложение оценить консультацию после окончания разговора, SMS-информирование).",
                        ],
                    },
                ],
            },
            {
                "name": "Подача заявления в ЦЗН",
                "citizen_goal": "Посещение ЦЗН с минимальными затратами времени и усилий и максимальным для себя комфортом.",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Дорога до ЦЗН",
                        "channel": "office",
                        "description": "Путь до здания ЦЗН к назначенному времени приема, парковка и вход в здание.",
                        "citizen_thoughts": [
                            "Удобно ли добираться до ЦЗН на общественном транспорте/автомобиле?",
                            "Есть ли парковка для автомобилей, бесплатная ли она?",
                            "Удобно ли подойти к ЦЗН, зайти внутрь, если есть трудности с передвижением?",
                        ],
                        "centre_goal": [
                            "Обеспечить оптимальное месторасположение ЦЗН, наличие парковки, удобного входа, пандусов для инвалидов и т.д.",
                        ],
                        # One metrics cell of the seed covers the whole visit (three touchpoints).
                        "metrics": ["CES", "IQS", "FCR", "RpC", "ER"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Статистика и тематика посещений",
                            "Анализ контента в социальных сетях, на сайтах - «отзовиках»",
                            "Анализ писем (обращений) граждан (через книгу жалоб, по электронной почте, через сайт ЦЗН, по телефону руководителю ЦЗН)",
                        ],
                        "barriers": [
                            "Неудобное, недоступное расположение.",
                            "Сложная логистика.",
                            "Отсутствие парковки, входа, пандусов. И т.д.",
                        ],
                        "owners": ["Руководство", "административно-хозяйственный отдел"],
                        "tools": [
                            "Схема проезда на сайте и в социальных сетях ЦЗН",
                            "Карточка ЦЗН на онлайн-картах",
                            "Парковка, пандус и кнопка вызова персонала у входа",
                        ],
                        "improvement_tools": [
                            "При создании ЦЗН - выбор оптимально удобного и доступного расположения здания. Обеспечение соответствия помещения центра бренд-буку.",
                            "Оптимизация логистики - взаимодействие с органами местного самоуправления.",
                            "Обеспечение полноты, доступности и актуальности информации о способах добраться до ЦЗН на сайте и в социальных сетях ЦЗН, а также у специалистов контакт-центра и администраторов ЦЗН.",
                        ],
                    },
                    {
                        "name": "Администратор и навигация в ЦЗН",
                        "channel": "office",
                        "description": "Встреча с администратором, проверка предварительной записи, информационные стенды и навигация внутри помещения ЦЗН.",
                        "citizen_thoughts": [
                            "Есть ли в центре и информационные стенды, на которых можно самостоятельно все посмотреть?",
                            "Не возникнут ли проблемы с предварительной записью, поможет ли мне администратор?",
                            "Администратор может объяснить, что делать, к кому обратиться, в какое окно пройти?",
                            # The seed's «Обратно ли» is an extraction error for «Опрятно ли»
                            # (as in the same cell of stage «Поиск информации»).
                            "Он/она - вежливый, приветливый человек? Опрятно ли выглядит?",
                        ],
                        "centre_goal": [
                            "Обеспечить комфортность и удобство внутреннего помещения ЦЗН, наличие стоек, понятной навигации и т.д.",
                            "Обучать сотрудников ЦЗН работе с гражданами.",
                            "Обучать сотрудников грамотному общению.",
                        ],
                        "metrics": ["CES", "IQS", "FCR", "RpC", "ER"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Статистика и тематика посещений",
                            "Анализ контента в социальных сетях, на сайтах - «отзовиках»",
                            "Анализ писем (обращений) граждан (через книгу жалоб, по электронной почте, через сайт ЦЗН, по телефону руководителю ЦЗН)",
                        ],
                        "barriers": [
                            "Отсутствие оформления помещения ЦЗН.",
                            "Отсутствие внутреннего стандарта обслуживания заявителей (в т.ч. невозможность обеспечить их фирменной униформой)",
                        ],
                        "owners": [
                            "Руководство",
                            "административно-хозяйственный отдел",
                            "HR отдел",
                            "отдел по работе с гражданами",
                        ],
                        "tools": [
                            "Стойка администратора",
                            "Терминал электронной очереди с талоном по предварительной записи",
                            "Информационные стенды и навигационные указатели",
                        ],
                        "improvement_tools": [
                            # The seed reads «обеспечение помещения центра бренд-буку»; the
                            # word «соответствия» is restored as elsewhere in App. 6.
                            "Оформление помещения ЦЗН в соответствии с требованиями, бренд-буком, обеспечение соответствия помещения центра бренд-буку.",
                            "Обеспечение достоверного и актуального наполнения инфостендов.",
                            "Анализ кадрового состава и потенциала, обеспечение нормальных условий для организации работы сотрудников. Создание базы, платформы для обучения сотрудников, работа с материальным и нематериальным стимулированием и мотивированием сотрудников.",
                        ],
                    },
                    {
                        "name": "Прием у специалиста ЦЗН",
                        "channel": "office",
                        "description": "Подача заявления о предоставлении услуги по профессиональной ориентации на приеме у специалиста ЦЗН.",
                        "citizen_thoughts": [
                            "Специалист ЦЗН вежливый, внимательный?",
                            "Он все доходчиво объясняет, терпеливо повторяет, если мне что-то непонятно?",
                            "Отвечает на вопросы?",
                        ],
                        "centre_goal": [
                            "Обучать сотрудников ЦЗН работе с гражданами.",
                            "Обучать сотрудников грамотному предоставлению услуг.",
                        ],
                        "metrics": ["CES", "IQS", "FCR", "RpC", "ER"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Статистика и тематика посещений",
                            "Анализ контента в социальных сетях, на сайтах - «отзовиках»",
                            "Анализ писем (обращений) граждан (через книгу жалоб, по электронной почте, через сайт ЦЗН, по телефону руководителю ЦЗН)",
                        ],
                        "barriers": [
                            "Отсутствие внимания к заявителю.",
                            "Неграмотность сотрудников ЦЗН.",
                            "Отсутствие обучения по работе с гражданами",
                        ],
                        "owners": ["HR отдел", "отдел по работе с гражданами", "руководство"],
                        "tools": [
                            "Заявление в электронном виде в информационной системе ЦЗН",
                            "Памятка о дальнейших шагах получения услуги",
                        ],
                        "improvement_tools": [
                            "Анализ кадрового состава и потенциала, обеспечение нормальных условий для организации работы сотрудников.",
                            "Создание базы, платформы для обучения сотрудников, работа с материальным и нематериальным стимулированием и мотивированием сотрудников.",
                        ],
                    },
                ],
            },
            {
                "name": "Прохождение тестирования",
                # The «Цель гражданина» cell of this stage holds only the note below; the goal
                # is worded after the goal of stage «Прохождение тренинга».
                "citizen_goal": "Прохождение тестирования по профориентации с минимальными затратами времени и усилий и максимальным для себя комфортом.",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "(Сотрудники ЦЗН предложили гражданину пройти тестирование по профориентации. Гражданин согласился)",
                "touchpoints": [
                    {
                        "name": "Тестирование по профориентации",
                        "channel": "office",
                        "description": "Прохождение профориентационного тестирования в ЦЗН на компьютере или на бланках под руководством сотрудника ЦЗН.",
                        "citizen_thoughts": [
                            "Как долго будет длиться тестирование?",
                            "Сотрудник ЦЗН объяснит, как его проходить?",
                            "Если в процессе прохождения теста возникнут вопросы, можно ли будет обратиться к сотруднику ЦЗН?",
                        ],
                        "centre_goal": [
                            "Обеспечить необходимым оборудованием для прохождения тестирования (или распечатанных тестов в хорошем качестве).",
                            "Провести подробную консультацию о порядке прохождения тестирования, обеспечить поддержку по всем вопросам.",
                        ],
                        "metrics": ["CES", "IQS", "NPS"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Анализ контента в социальных сетях, на сайтах - «отзовиках»",
                            "Анализ писем (обращений) граждан (через книгу жалоб, по электронной почте, через сайт ЦЗН)",
                        ],
                        "barriers": [
                            "Отсутствие оборудования для проведения тестирования, плохое оборудование (медленная работа оборудования)",
                            "Отсутствие необходимой канцелярии.",
                            "Отсутствие обучения по тестированию",
                        ],
                        "owners": [
                            "Административно-хозяйственный отдел",
                            "IT-отдел",
                            "системный администратор",
                            "HR отдел",
                            "отдел по работе с гражданами",
                            "руководство",
                        ],
                        "tools": [
                            "Компьютер с программой профориентационного тестирования",
                            "Распечатанные бланки тестов",
                            "Инструктаж сотрудника ЦЗН о порядке прохождения тестирования",
                        ],
                        "improvement_tools": [
                            "Обеспечение центра современным оборудованием для проведения тестирования, обеспечение канцелярий.",
                            "Анализ кадрового состава и потенциала, обеспечение нормальных условий для организации работы сотрудников. Создание базы, платформы для обучения сотрудников, работа с материальным и нематериальным стимулированием и мотивированием сотрудников.",
                        ],
                    },
                ],
            },
            {
                "name": "Прохождение тренинга",
                "citizen_goal": "Прохождение тренинга по профориентации с минимальным затратами времени и усилий и максимальным для себя комфортом.",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "(Сотрудники ЦЗН предложили гражданину пройти тренинг по профориентации (после тестирования). Гражданин согласился)",
                "touchpoints": [
                    {
                        "name": "Информирование о тренинге",
                        "channel": "office",
                        "description": "Сотрудник ЦЗН сообщает гражданину место, формат и время тренинга по профориентации.",
                        "citizen_thoughts": [
                            "Где именно будет проходить тренинг?",
                            "В каком формате будет проходить тренинг (индивидуальный/групповой), можно ли выбрать формат?",
                            "Когда состоится тренинг, сколько времени он займет?",
                        ],
                        "centre_goal": [
                            "Максимально информативно и полно проинформировать гражданина о предстоящем тренинге.",
                        ],
                        # One metrics cell of the seed covers the three touchpoints of the stage.
                        "metrics": ["CES", "IQS", "NPS"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Анализ контента в социальных сетях, на сайтах – «отзовиках»",
                            "Анализ писем (обращений) граждан (через книгу жалоб, по электронной почте, через сайт ЦЗН, по телефону руководителю ЦЗН)",
                        ],
                        "barriers": [
                            "Отсутствие внимания к гражданину.",
                            "Неграмотность сотрудников ЦЗН.",
                            "Отсутствие обучения по работе с гражданами.",
                        ],
                        "owners": [
                            "Административно-хозяйственный отдел",
                            "IT-отдел",
                            "системный администратор",
                            "HR отдел",
                            "отдел по работе с гражданами",
                            "руководство",
                        ],
                        "tools": [
                            "Приглашение на тренинг с датой, временем, местом и форматом проведения",
                            "Напоминание о тренинге по СМС или электронной почте",
                        ],
                        "improvement_tools": [
                            "Анализ кадрового состава и потенциала, обеспечение нормальных условий для организации работы сотрудников.",
                        ],
                    },
                    {
                        "name": "Дорога до места проведения тренинга",
                        "channel": "office",
                        "description": "Путь до ЦЗН или другого места проведения тренинга, парковка, вход в здание и помещение для занятий.",
                        "citizen_thoughts": [
                            "Удобно ли добираться до ЦЗН/места проведения тренинга на общественном транспорте/автомобиле?",
                            "Есть ли парковка для автомобилей, бесплатная ли она?",
                            "Удобно ли подойти к зданию, зайти внутрь, если есть трудности с передвижением?",
                        ],
                        "centre_goal": [
                            "Обеспечить оптимальное месторасположение ЦЗН/места проведения тренинга, наличие парковки, удобный вход, возможность для инвалидов",
                        ],
                        "metrics": ["CES", "IQS", "NPS"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Анализ контента в социальных сетях, на сайтах – «отзовиках»",
                            "Анализ писем (обращений) граждан (через книгу жалоб, по электронной почте, через сайт ЦЗН, по телефону руководителю ЦЗН)",
                        ],
                        "barriers": [
                            "Отсутствие оформления помещения ЦЗН.",
                            "Отсутствие внутреннего стандарта обслуживания граждан (в т.ч. невозможность обеспечить сотрудников фирменной униформой).",
                        ],
                        "owners": [
                            "Административно-хозяйственный отдел",
                            "IT-отдел",
                            "системный администратор",
                            "HR отдел",
                            "отдел по работе с гражданами",
                            "руководство",
                        ],
                        "tools": [
                            "Схема проезда к месту проведения тренинга",
                            "Указатели к аудитории в здании",
                        ],
                        "improvement_tools": [
                            "При создании ЦЗН /выбора места проведения тренинга- выбор оптимально удобного и доступного расположения здания. Обеспечение соответствия помещения центра бренд-буку.",
                            "Оформление помещения ЦЗН в соответствии с требованиями, бренд-буком, обеспечение сотрудников униформой.",
                            "Оформление помещения для комфортного времяпровождения.",
                        ],
                    },
                    {
                        "name": "Тренинг с ведущим",
                        "channel": "office",
                        "description": "Индивидуальный или групповой тренинг по профориентации, который проводит ведущий тренинга.",
                        "citizen_thoughts": [
                            "Ведущий тренинга вежливый, внимательный?",
                            "Он все доходчиво объясняет, терпеливо повторяет, если мне что-то непонятно?",
                            "Отвечает на вопросы?",
                        ],
                        "centre_goal": [
                            "Обеспечить проведение тренинга необходимым оборудованием, предметами мебели, канцелярией.",
                        ],
                        "metrics": ["CES", "IQS", "NPS"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Анализ контента в социальных сетях, на сайтах – «отзовиках»",
                            "Анализ писем (обращений) граждан (через книгу жалоб, по электронной почте, через сайт ЦЗН, по телефону руководителю ЦЗН)",
                        ],
                        "barriers": [
                            "Отсутствие внимания к гражданину.",
                            "Неграмотность сотрудников ЦЗН.",
                            "Отсутствие обучения по работе и общению с гражданами.",
                        ],
                        "owners": [
                            "Административно-хозяйственный отдел",
                            "IT-отдел",
                            "системный администратор",
                            "HR отдел",
                            "отдел по работе с гражданами",
                            "руководство",
                        ],
                        "tools": [
                            "Проектор, экран и флипчарт",
                            "Раздаточные материалы и канцелярия",
                            "Удобная мебель для групповой работы",
                        ],
                        "improvement_tools": [
                            "Анализ кадрового состава и потенциала, обеспечение нормальных условий для организации работы сотрудников. Создание базы, платформы для обучения сотрудников, работа с материальным и нематериальным стимулированием и мотивированием сотрудников.",
                        ],
                    },
                ],
            },
            {
                "name": "Получение результата",
                "citizen_goal": "Получить результат услуги с наименьшими затратами времени и усилий",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Информирование о готовности результата",
                        "channel": "contact_centre",
                        "description": "Гражданин узнает о готовности результата услуги: звонок или уведомление из ЦЗН, звонок в контакт-центр, проверка статуса на сайте.",
                        "citizen_thoughts": [
                            "Позвонят ли мне по готовности моих результатов?",
                            "Могу ли я сам позвонить и узнать готовность?",
                            "Где можно самостоятельно отследить готовность услуги?",
                        ],
                        "centre_goal": [
                            "Обеспечить возможность отслеживания статуса готовности на сайте.",
                            "Обеспечить эффективную работу контакт-центра.",
                            "Обучать сотрудников контакт-центра общению по телефону.",
                        ],
                        # The seed's metrics cell of this stage lists methods only; the codes
                        # are those of the contact-centre cell of stage «Поиск информации».
                        "metrics": ["RR", "IQS", "ER", "FCR", "RpC"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Статистика и тематика посещений",
                            "Анализ контента в социальных сетях, на сайтах – «отзовиках»",
                            "Анализ писем (обращений) граждан (через книгу жалоб, по электронной почте, через сайт ЦЗН, по телефону руководителю ЦЗН)",
                            "Анализ отзывов и оценке специалиста",
                        ],
                        "barriers": [
                            "Отсутствие функционала отслеживания статуса на сайте и/или региональном портале.",
                            "Отсутствие e-mail уведомлений и СМС рассылки, обновления.",
                            "Отсутствие контакт-центра.",
                        ],
                        "owners": [
                            "Руководство",
                            "сотрудники контакт-центра",
                            "IT-отдел",
                            "системные администраторы",
                        ],
                        "tools": [
                            "Телефон контакт-центра",
                            "Статус готовности на сайте ЦЗН",
                            "СМС- и e-mail-уведомления о готовности",
                        ],
                        "improvement_tools": [
                            "Обеспечение возможности отслеживания статуса по различным, нескольким каналам (контакт-центр, СМС, e-mail информирование и т.д.).",
                            "Обеспечение информирования гражданина о готовности.",
                            "Создание контакт-центра (бесплатного номера), обеспечение штата контакт-центра.",
                            "Мотивация и обучение специалистов контакт-центра.",
                        ],
                    },
                    {
                        "name": "Администратор и электронная очередь",
                        "channel": "office",
                        "description": "Встреча с администратором, получение талона электронной очереди и ожидание приема в ЦЗН.",
                        "citizen_thoughts": [
                            "Администратор может объяснить, что делать, к кому обратиться, как взять талончик для электронной очереди?",
                            "Он/она – вежливый, приветливый человек? Приятно ли выглядит?",
                            "Долго ли еще ждать своей очереди?",
                            "Комфортно ли ее ждать, можно ли присесть?",
                        ],
                        "centre_goal": [
                            "Обеспечить оптимальное время ожидания и комфортные условия в зоне ожидания.",
                        ],
                        # Methods only in the seed; codes of the office-visit cell of stage
                        # «Подача заявления в ЦЗН».
                        "metrics": ["CES", "IQS", "FCR", "RpC", "ER"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Статистика и тематика посещений",
                            "Анализ контента в социальных сетях, на сайтах – «отзовиках»",
                            "Анализ писем (обращений) граждан (через книгу жалоб, по электронной почте, через сайт ЦЗН, по телефону руководителю ЦЗН)",
                            "Анализ отзывов и оценке специалиста",
                        ],
                        # The seed gives one barriers cell for this touchpoint and the next.
                        "barriers": [
                            "Отсутствие внимания к заявителю.",
                            "Неграмотность сотрудников ЦЗН.",
                            "Отсутствие обучения по работе и общению с заявителями.",
                        ],
                        "owners": ["HR отдел", "отдел по работе с гражданами", "руководство"],
                        "tools": [
                            "Терминал электронной очереди",
                            "Табло вызова и зона ожидания с местами для сидения",
                        ],
                        "improvement_tools": [
                            "Оформление помещения ЦЗН в соответствии с требованиями, бренд-буком, обеспечение сотрудников униформой.",
                            "Оформление помещения для комфортного времяпровождения.",
                        ],
                    },
                    {
                        "name": "Выдача результата специалистом ЦЗН",
                        "channel": "office",
                        "description": "Специалист ЦЗН выдает заключение по итогам профориентации и объясняет рекомендации.",
                        "citizen_thoughts": [
                            "Специалист ЦЗН вежливый, внимательный?",
                            "Он все доходчиво объясняет, терпеливо повторяет, если мне что-то непонятно?",
                            "Отвечает на вопросы?",
                        ],
                        "centre_goal": [
                            "Обучать сотрудников ЦЗН работе с гражданами.",
                            "Обучать сотрудников грамотному предоставлению услуг.",
                        ],
                        "metrics": ["CES", "IQS", "FCR", "RpC", "ER"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Статистика и тематика посещений",
                            "Анализ контента в социальных сетях, на сайтах – «отзовиках»",
                            "Анализ писем (обращений) граждан (через книгу жалоб, по электронной почте, через сайт ЦЗН, по телефону руководителю ЦЗН)",
                            "Анализ отзывов и оценке специалиста",
                        ],
                        "barriers": [
                            "Отсутствие внимания к заявителю.",
                            "Неграмотность сотрудников ЦЗН.",
                            "Отсутствие обучения по работе и общению с заявителями.",
                        ],
                        "owners": ["HR отдел", "отдел по работе с гражданами", "руководство"],
                        "tools": [
                            "Заключение по итогам профориентации с рекомендациями",
                            "Фирменная папка с материалами и визитка специалиста",
                        ],
                        "improvement_tools": [
                            "Анализ кадрового состава и потенциала, обеспечение нормальных условий для организации работы сотрудников. Создание базы, платформы для обучения сотрудников, работа с материальной и нематериальной стимулированием и мотивированием сотрудников.",
                            "Обеспечение ЦЗН канцелярией (брендовые папки, файлы, ручки, визитки и т.д.).",
                        ],
                    },
                ],
            },
            {
                "name": "Оценка работы",
                "citizen_goal": "Поделись впечатлениями с близкими, составь свое мнение о работе ЦЗН, дай рекомендации",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Обратная связь и отзывы о работе ЦЗН",
                        "channel": "other",
                        "description": "Гражданин оставляет отзыв о работе ЦЗН и услуге: опрос, сайт ЦЗН, социальные сети, сайты-«отзовики», контакт-центр, книга жалоб и предложений.",
                        "citizen_thoughts": [
                            "Где я могу дать обратную связь?",
                            "Где можно разместить отзыв о работе ЦЗН и услуге по профориентации?",
                            "Увидят ли мой отзыв?",
                            "Если я останусь недоволен, проведут ли в ЦЗН работу над ошибками?",
                        ],
                        "centre_goal": [
                            "Обеспечить граждан удобными инструментами обратной связи.",
                            "Анализировать и использовать в работе отзывы граждан.",
                        ],
                        # «СВ-?» in the seed is garbled: mapped to CV-1.
                        "metrics": ["CV-1"],
                        "measurement_methods": [
                            "Анализ контента в социальных сетях и на сайтах – «отзовиках»",
                            "Анализ отзывов, количественных оценок, полученных через контакт-центр",
                        ],
                        "barriers": [
                            "Отсутствие возможности (отсутствие площадок) дать полноценную обратную связь об обращении в ЦЗН.",
                            "Отсутствие работы с отзывами граждан.",
                        ],
                        "owners": [
                            "Сотрудники контакт-центра",
                            "IT-отдел",
                            "системные администраторы",
                            "отдел по работе с гражданами",
                        ],
                        "tools": [
                            "Опрос по QR-коду или ссылке в СМС",
                            "Форма обратной связи на сайте ЦЗН",
                            "Книга отзывов и предложений",
                            "Отзывы на онлайн-картах и в социальных сетях ЦЗН",
                        ],
                        # The improvement-tools cell of this stage is missing from the
                        # extraction; these items are the seed's own tools of App. 3.
                        "improvement_tools": [
                            "Размещение на сайте раздела с обратной связью/кнопки обратной связи.",
                            "Размещение QR-кодов со ссылками на нужную страницу с отзывами на баннерах, уличных конструкциях и носителях, на стойке администратора, в местах ожидания, на входе и выходе из помещения СЗН, на талонах электронной очереди",
                            "Размещение информации о способах выражения обратной связи на сайте и в социальных сетях СЗН",
                            "Осуществление рассылки СМС-опросов (направить клиенту СМС с просьбой оставить отзыв и ссылкой на нужную страницу)",
                            "Регулярный мониторинг отзывов на сторонних площадках.",
                        ],
                    },
                ],
            },
        ],
    },
    # ============================================================ (a) employer: vacancy → candidates
    {
        "title": "Подбор работников: размещение вакансии и получение кандидатов",
        "service": "Содействие работодателям в подборе необходимых работников",
        "client_group": "employers",
        "segment": "sme",
        "persona": "Менеджер по персоналу производственной компании",
        "split_basis": "task_apply",
        "centre": "podolsk",
        "status": "active",
        "description": "Маршрут работодателя малого или среднего бизнеса: от поиска сведений о подборе персонала через службу занятости до закрытия вакансии и оценки работы ЦЗН.",
        "stages": [
            {
                "name": "Поиск информации",
                "citizen_goal": "Узнать, как подобрать работников через службу занятости, сколько это стоит и что для этого нужно",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Раздел для работодателей на сайте ЦЗН",
                        "channel": "website",
                        "description": "Страница сайта ЦЗН с порядком подбора персонала, мерами поддержки работодателей и ссылкой на портал «Работа России».",
                        "citizen_thoughts": [
                            "Платно ли размещать вакансию через службу занятости?",
                            "Какие сведения о вакансии нужно подготовить?",
                            "Есть ли меры поддержки для работодателей, которые принимают людей через ЦЗН?",
                        ],
                        "centre_goal": [
                            "Разместить на сайте понятную пошаговую инструкцию для работодателей.",
                            "Поддерживать актуальность сведений о мерах поддержки работодателей.",
                        ],
                        "metrics": ["CES", "CV-1"],
                        "measurement_methods": [
                            "Анализ поисковых запросов и переходов на страницу для работодателей",
                            "Контент-анализ отраслевых сообществ в социальных сетях",
                        ],
                        "barriers": [
                            "Сведения для работодателей разбросаны по разным разделам сайта.",
                            "Устаревшая информация о мерах поддержки.",
                            "Нет ответов на частые вопросы.",
                        ],
                        "owners": ["Отдел по работе с работодателями", "IT-отдел"],
                        "tools": [
                            "Раздел «Работодателям» на сайте ЦЗН",
                            "Инструкция по регистрации на портале «Работа России»",
                            "Перечень мер поддержки работодателей с условиями получения",
                        ],
                        "improvement_tools": [
                            "Единая страница для работодателей с пошаговой инструкцией и ответами на частые вопросы.",
                            "Ежемесячная актуализация сведений о мерах поддержки.",
                            "Новостная рассылка для работодателей по электронной почте.",
                        ],
                    },
                    {
                        "name": "Контакт-центр",
                        "channel": "contact_centre",
                        "description": "Звонок работодателя в контакт-центр с вопросом о подборе персонала.",
                        "citizen_thoughts": [
                            "Сколько придется ждать ответа оператора?",
                            "Ответят ли сразу на мой вопрос или переключат на другого специалиста?",
                        ],
                        "centre_goal": [
                            "Консультировать работодателей по подбору персонала при первом обращении.",
                            "Передавать запрос работодателя закрепленному менеджеру в течение рабочего дня.",
                        ],
                        "metrics": ["FCR", "ER", "TTFR"],
                        "measurement_methods": [
                            "Опрос в конце разговора с оператором",
                            "Статистика и тематика обращений работодателей",
                        ],
                        "barriers": [
                            "Операторы не знают особенностей подбора персонала.",
                            "Долгое ожидание на линии в часы пиковой нагрузки.",
                            "Запрос работодателя теряется при передаче менеджеру.",
                        ],
                        "owners": [
                            "Руководство",
                            "сотрудники контакт-центра",
                            "отдел по работе с работодателями",
                        ],
                        "tools": ["Единый номер контакт-центра", "Заказ обратного звонка на сайте"],
                        "improvement_tools": [
                            "Сценарии ответов операторов на частые вопросы работодателей.",
                            "Отдельный пункт голосового меню для работодателей.",
                            "Регистрация запроса в карточке работодателя с назначением ответственного менеджера.",
                        ],
                    },
                ],
            },
            {
                "name": "Размещение вакансии",
                "citizen_goal": "Разместить вакансию быстро, без бумажных документов и повторного ввода сведений",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Личный кабинет работодателя на портале «Работа России»",
                        "channel": "portal",
                        "description": "Работодатель заполняет и публикует вакансию в личном кабинете; ЦЗН проверяет ее перед публикацией.",
                        "citizen_thoughts": [
                            "Сколько полей придется заполнить?",
                            "Можно ли разместить сразу несколько вакансий?",
                            "Когда вакансия появится в поиске у соискателей?",
                        ],
                        "centre_goal": [
                            "Проверять и публиковать вакансии в течение одного рабочего дня.",
                            "Помогать работодателю корректно описать требования и условия труда.",
                        ],
                        "metrics": ["CES", "TTFR"],
                        "measurement_methods": [
                            "Опрос работодателя после публикации вакансии",
                            "Статистика возвратов вакансий на доработку",
                        ],
                        "barriers": [
                            "Вакансию возвращают на доработку без понятного объяснения.",
                            "Сложная форма с большим числом обязательных полей.",
                            "Сбои при входе через учетную запись на портале госуслуг.",
                        ],
                        "owners": ["Отдел по работе с работодателями", "IT-отдел"],
                        "tools": [
                            "Личный кабинет работодателя на портале «Работа России»",
                            "Вход через учетную запись на портале госуслуг",
                            "Шаблоны описания типовых вакансий",
                        ],
                        "improvement_tools": [
                            "Понятные комментарии при возврате вакансии с примером правильного заполнения.",
                            "Шаблоны вакансий по массовым рабочим профессиям.",
                            "Обучающие вебинары для кадровых служб по работе в личном кабинете.",
                        ],
                    },
                    {
                        "name": "Персональный менеджер ЦЗН",
                        "channel": "email",
                        "description": "Закрепленный за работодателем менеджер уточняет требования к кандидатам по электронной почте и телефону.",
                        "citizen_thoughts": [
                            "Кто в ЦЗН отвечает за мою вакансию?",
                            "Можно ли обсудить требования к кандидатам по телефону, а не в переписке?",
                        ],
                        "centre_goal": [
                            "Закрепить за каждым работодателем персонального менеджера.",
                            "Уточнять требования к кандидатам в течение двух рабочих дней после публикации вакансии.",
                        ],
                        "metrics": ["TTFR", "RpC", "IQS"],
                        "measurement_methods": [
                            "Оценка переписки менеджеров по оценочному листу",
                            "Опрос работодателя после закрытия вакансии",
                        ],
                        "barriers": [
                            "Высокая нагрузка на менеджеров, ответы задерживаются.",
                            "Менеджеры часто меняются, работодателю приходится все объяснять заново.",
                        ],
                        "owners": [
                            "Руководство",
                            "отдел по работе с работодателями",
                            "HR отдел",
                        ],
                        "tools": [
                            "Прямой телефон и электронная почта менеджера",
                            "Карточка работодателя в региональной информационной системе",
                        ],
                        "improvement_tools": [
                            "Норматив первого ответа менеджера — не позднее четырех рабочих часов.",
                            "Передача дел при смене менеджера с уведомлением работодателя.",
                            "Стандарт деловой переписки с работодателями.",
                        ],
                    },
                ],
            },
            {
                "name": "Получение кандидатов",
                "citizen_goal": "Получить резюме подходящих кандидатов и договориться о собеседованиях",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Подборка кандидатов в личном кабинете",
                        "channel": "portal",
                        "description": "ЦЗН направляет работодателю резюме кандидатов; работодатель приглашает их на собеседование.",
                        "citizen_thoughts": [
                            "Подходят ли присланные кандидаты под мои требования?",
                            "Придут ли они на собеседование?",
                            "Как быстро появятся первые отклики?",
                        ],
                        "centre_goal": [
                            "Направлять работодателю кандидатов, соответствующих требованиям вакансии.",
                            "Подтверждать готовность кандидата прийти на собеседование.",
                        ],
                        "metrics": ["CSAT", "RR"],
                        "measurement_methods": [
                            "Доля кандидатов, приглашенных работодателем на собеседование",
                            "Опрос работодателя о качестве подбора",
                        ],
                        "barriers": [
                            "Кандидаты не соответствуют требованиям вакансии.",
                            "Кандидаты не приходят на собеседование и не предупреждают об этом.",
                            "Работодатель не сообщает о результатах собеседований.",
                        ],
                        "owners": [
                            "Отдел по работе с работодателями",
                            "отдел по работе с гражданами",
                        ],
                        "tools": [
                            "Список откликов и направленных кандидатов в личном кабинете",
                            "Отметка о результатах собеседования",
                        ],
                        "improvement_tools": [
                            "Предварительный отбор кандидатов карьерным консультантом до направления работодателю.",
                            "Напоминание кандидатам о собеседовании по СМС накануне.",
                            "Отметка о результате собеседования в одно действие.",
                        ],
                    },
                    {
                        "name": "Ярмарка вакансий в ЦЗН",
                        "channel": "office",
                        "description": "Работодатель встречается с соискателями на ярмарке вакансий в ЦЗН и проводит собеседования на месте.",
                        "citizen_thoughts": [
                            "Стоит ли тратить день на ярмарку, придут ли подходящие люди?",
                            "Будет ли место для стенда и можно ли провести собеседование сразу?",
                        ],
                        "centre_goal": [
                            "Приглашать на ярмарку соискателей, подходящих под вакансии участников.",
                            "Обеспечить работодателям место для собеседований.",
                        ],
                        "metrics": ["NPS", "CSAT"],
                        "measurement_methods": [
                            "Анкета работодателя по итогам ярмарки",
                            "Число собеседований и приглашений на работу по итогам ярмарки",
                        ],
                        "barriers": [
                            "На ярмарку приходят соискатели без нужной квалификации.",
                            "Тесное помещение, нет места для собеседований.",
                            "О дате ярмарки сообщают слишком поздно.",
                        ],
                        "owners": [
                            "Руководство",
                            "отдел по работе с работодателями",
                            "административно-хозяйственный отдел",
                        ],
                        "tools": [
                            "Стенд и рабочее место работодателя",
                            "Список зарегистрированных соискателей",
                        ],
                        "improvement_tools": [
                            "Отраслевые ярмарки с предварительной записью соискателей.",
                            "Приглашение работодателей не позднее чем за три недели до ярмарки.",
                            "Отдельные переговорные комнаты для собеседований.",
                        ],
                    },
                ],
            },
            {
                "name": "Трудоустройство и закрытие вакансии",
                "citizen_goal": "Оформить выбранного кандидата и закрыть вакансию без лишней отчетности",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Закрытие вакансии в личном кабинете",
                        "channel": "portal",
                        "description": "Работодатель отмечает трудоустройство кандидата, и вакансия снимается с публикации.",
                        "citizen_thoughts": [
                            "Нужно ли сообщать в ЦЗН, что я принял кандидата на работу?",
                            "Не придется ли отчитываться на бумаге?",
                        ],
                        "centre_goal": [
                            "Упростить отметку о трудоустройстве кандидата.",
                            "Своевременно снимать закрытые вакансии с публикации.",
                        ],
                        "metrics": ["CES", "FCR"],
                        "measurement_methods": [
                            "Опрос работодателя после закрытия вакансии",
                            "Статистика вакансий, закрытых с опозданием",
                        ],
                        "barriers": [
                            "Закрытая вакансия остается на портале, и соискатели продолжают звонить работодателю.",
                            "Требование дублировать сведения на бумаге.",
                        ],
                        "owners": ["Отдел по работе с работодателями", "IT-отдел"],
                        "tools": [
                            "Кнопка закрытия вакансии в личном кабинете",
                            "Электронный документооборот с ЦЗН",
                        ],
                        "improvement_tools": [
                            "Автоматическое снятие вакансии с публикации после отметки о трудоустройстве.",
                            "Отказ от бумажных подтверждений в пользу электронных.",
                        ],
                    },
                    {
                        "name": "Сопровождение менеджером после трудоустройства",
                        "channel": "email",
                        "description": "Менеджер ЦЗН связывается с работодателем в период адаптации нового работника и рассказывает о мерах поддержки.",
                        "citizen_thoughts": [
                            "Помогут ли мне, если новый работник уйдет в первые недели?",
                            "Расскажут ли о мерах поддержки при трудоустройстве?",
                        ],
                        "centre_goal": [
                            "Поддерживать связь с работодателем в период адаптации работника.",
                            "Информировать о доступных мерах поддержки.",
                        ],
                        "metrics": ["NPS", "RR"],
                        "measurement_methods": [
                            "Звонок работодателю через месяц после трудоустройства",
                            "Доля повторных обращений работодателя",
                        ],
                        "barriers": [
                            "После закрытия вакансии связь с работодателем прекращается.",
                            "Работодатель не знает о мерах поддержки.",
                        ],
                        "owners": ["Отдел по работе с работодателями"],
                        "tools": [
                            "Прямая связь с персональным менеджером",
                            "Рассылка о мерах поддержки работодателей",
                        ],
                        "improvement_tools": [
                            "Плановый звонок менеджера через месяц после трудоустройства.",
                            "Персональная подборка мер поддержки для работодателя.",
                        ],
                    },
                ],
            },
            {
                "name": "Оценка работы",
                "citizen_goal": "Оценить помощь ЦЗН и решить, стоит ли обращаться снова",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Опрос работодателя по электронной почте",
                        "channel": "email",
                        "description": "После закрытия вакансии работодатель получает письмо с коротким опросом о качестве подбора.",
                        "citizen_thoughts": [
                            "Сколько времени займет опрос?",
                            "Учтут ли мои замечания?",
                        ],
                        "centre_goal": [
                            "Собирать оценку работодателя после каждой закрытой вакансии.",
                            "Отвечать на замечания и сообщать о принятых мерах.",
                        ],
                        "metrics": ["NPS", "CES", "RESPONSE_RATE"],
                        "measurement_methods": [
                            "Опрос из 3–5 вопросов по ссылке в письме",
                            "Анализ открытых ответов работодателей",
                        ],
                        "barriers": [
                            "Длинные анкеты, на которые не отвечают.",
                            "Работодатель не видит, что изменилось по его замечаниям.",
                        ],
                        "owners": ["Руководство", "отдел по работе с работодателями"],
                        "tools": [
                            "Короткий опрос по ссылке из письма",
                            "Раздел «Вы предложили — мы сделали» на сайте ЦЗН",
                        ],
                        "improvement_tools": [
                            "Сокращение опроса до трех вопросов и одного необязательного поля для комментария.",
                            "Ежеквартальная рассылка работодателям о внесенных изменениях.",
                            "Личный звонок руководителя ЦЗН при низкой оценке.",
                        ],
                    },
                ],
            },
        ],
    },
    # ============================================================ (b) unemployed: registration, benefit
    {
        "title": "Потеря работы: признание безработным и получение пособия",
        "service": "Осуществление социальных выплат гражданам, признанным в установленном порядке безработными",
        "client_group": "job_seekers",
        "segment": "unemployed",
        "persona": "Специалист, потерявший работу после сокращения",
        "split_basis": "service_bundle",
        "centre": "balashikha",
        "status": "active",
        "description": "Комплекс услуг в жизненной ситуации «потеря работы»: поиск информации, заявление на портале «Работа России», признание безработным, получение пособия, поиск работы и оценка работы ЦЗН.",
        "stages": [
            {
                "name": "Поиск информации",
                "citizen_goal": "Понять, как встать на учет в качестве безработного, какие документы нужны и какое пособие положено",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Сайт ЦЗН и портал «Работа России»",
                        "channel": "portal",
                        "description": "Поиск порядка постановки на учет и сведений о пособии на сайте ЦЗН и портале «Работа России».",
                        "citizen_thoughts": [
                            "Можно ли подать заявление, не выходя из дома?",
                            "Какое пособие мне положено и как долго его будут платить?",
                            "Какие документы понадобятся?",
                        ],
                        "centre_goal": [
                            "Разместить понятную пошаговую инструкцию по постановке на учет.",
                            "Объяснить порядок расчета пособия на примерах.",
                        ],
                        "metrics": ["CES", "CV-1"],
                        "measurement_methods": [
                            "Анализ поисковых запросов на сайте",
                            "Контент-анализ обсуждений в социальных сетях",
                        ],
                        "barriers": [
                            "Сложный юридический язык инструкций.",
                            "Противоречивые сведения о размере пособия на разных сайтах.",
                        ],
                        "owners": ["IT-отдел", "отдел по работе с гражданами"],
                        "tools": [
                            "Пошаговая инструкция на сайте ЦЗН",
                            "Ответы на частые вопросы",
                            "Подача заявления на портале «Работа России»",
                        ],
                        "improvement_tools": [
                            "Переработка инструкций простым языком с примерами.",
                            "Расчет ориентировочного размера пособия на сайте.",
                            "Видеоинструкция по подаче заявления.",
                        ],
                    },
                    {
                        "name": "Контакт-центр",
                        "channel": "contact_centre",
                        "description": "Звонок в контакт-центр с вопросами о постановке на учет и пособии.",
                        "citizen_thoughts": [
                            "Дозвонюсь ли я с первого раза?",
                            "Сможет ли оператор сказать, подхожу ли я под условия?",
                        ],
                        "centre_goal": [
                            "Отвечать на вопросы о постановке на учет при первом обращении.",
                            "Сократить время ожидания на линии.",
                        ],
                        "metrics": ["FCR", "ER", "RpC"],
                        "measurement_methods": [
                            "Опрос в конце разговора с оператором",
                            "Статистика и тематика обращений",
                        ],
                        "barriers": [
                            "Долгое ожидание на линии в понедельник утром.",
                            "Операторы переключают звонок на специалистов ЦЗН.",
                        ],
                        "owners": ["Руководство", "сотрудники контакт-центра"],
                        "tools": [
                            "Единый номер контакт-центра",
                            "Пункт голосового меню «Пособие по безработице»",
                        ],
                        "improvement_tools": [
                            "Сценарии ответов операторов на частые вопросы о пособии.",
                            "Дополнительные операторы в часы пиковой нагрузки.",
                            "Обратный звонок вместо ожидания на линии.",
                        ],
                    },
                ],
            },
            {
                "name": "Подача заявления",
                "citizen_goal": "Подать заявление о признании безработным дистанционно и без ошибок",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Заявление на портале «Работа России»",
                        "channel": "portal",
                        "description": "Гражданин заполняет резюме и заявление о признании безработным в личном кабинете.",
                        "citizen_thoughts": [
                            "Правильно ли я заполнил резюме и заявление?",
                            "Что делать, если портал выдает ошибку?",
                        ],
                        "centre_goal": [
                            "Обеспечить быстрое рассмотрение заявления.",
                            "Помогать гражданам, которым трудно заполнить заявление самостоятельно.",
                        ],
                        "metrics": ["CES", "RR"],
                        "measurement_methods": [
                            "Статистика заявлений, возвращенных на доработку",
                            "Опрос после подачи заявления",
                        ],
                        "barriers": [
                            "Сбои портала и ошибки при входе через учетную запись на портале госуслуг.",
                            "Непонятно, какие поля обязательны.",
                            "Заявление возвращают без объяснения причин.",
                        ],
                        "owners": ["IT-отдел", "отдел по работе с гражданами"],
                        "tools": [
                            "Электронная форма заявления",
                            "Вход через учетную запись на портале госуслуг",
                            "Компьютер свободного доступа в ЦЗН",
                        ],
                        "improvement_tools": [
                            "Помощь в заполнении заявления на компьютере свободного доступа в ЦЗН.",
                            "Понятные причины возврата заявления с подсказкой, что исправить.",
                        ],
                    },
                    {
                        "name": "Уведомления о статусе заявления",
                        "channel": "sms",
                        "description": "СМС и уведомления в личном кабинете о рассмотрении заявления и дате визита в ЦЗН.",
                        "citizen_thoughts": [
                            "Приняли ли мое заявление?",
                            "Когда и куда мне нужно прийти?",
                        ],
                        "centre_goal": [
                            "Сообщать о статусе заявления и дате визита в день принятия решения.",
                        ],
                        "metrics": ["TTFR", "CES"],
                        "measurement_methods": [
                            "Статистика доставки СМС и писем",
                            "Опрос по ссылке в СМС",
                        ],
                        "barriers": [
                            "Уведомления не приходят или приходят с опозданием.",
                            "В уведомлении нет адреса и времени приема.",
                        ],
                        "owners": ["IT-отдел", "отдел по работе с гражданами"],
                        "tools": [
                            "СМС-уведомления",
                            "Уведомления в личном кабинете на портале «Работа России»",
                        ],
                        "improvement_tools": [
                            "Шаблон уведомления с датой, временем, адресом и перечнем документов.",
                            "Дублирование важных уведомлений по электронной почте.",
                        ],
                    },
                ],
            },
            {
                "name": "Посещение ЦЗН и признание безработным",
                "citizen_goal": "Прийти в ЦЗН один раз в назначенное время и получить решение без очередей",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Администратор и электронная очередь",
                        "channel": "office",
                        "description": "Встреча с администратором, талон электронной очереди по предварительной записи, ожидание приема.",
                        "citizen_thoughts": [
                            "Примут ли меня в назначенное время?",
                            "Куда идти и сколько ждать?",
                        ],
                        "centre_goal": [
                            "Принимать граждан по записи без ожидания.",
                            "Обеспечить понятную навигацию в помещении ЦЗН.",
                        ],
                        "metrics": ["CES", "CSAT"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Данные электронной очереди о времени ожидания",
                            "Тайный покупатель",
                        ],
                        "barriers": [
                            "Запись на время не соблюдается, образуется очередь.",
                            "Нет указателей к кабинетам.",
                        ],
                        "owners": ["Руководство", "административно-хозяйственный отдел"],
                        "tools": [
                            "Терминал электронной очереди",
                            "Информационные стенды и указатели",
                        ],
                        "improvement_tools": [
                            "Отдельное окно для граждан по предварительной записи.",
                            "Указатели и схема помещения у входа.",
                            "Отображение ожидаемого времени ожидания на табло.",
                        ],
                    },
                    {
                        "name": "Прием у карьерного консультанта",
                        "channel": "office",
                        "description": "Консультант проверяет сведения, принимает решение о признании безработным и составляет индивидуальный план поиска работы.",
                        "citizen_thoughts": [
                            "Поймет ли консультант мою ситуацию?",
                            "Признают ли меня безработным сегодня или придется приходить еще раз?",
                            "Что будет, если я откажусь от предложенной вакансии?",
                        ],
                        "centre_goal": [
                            "Принять решение о признании безработным за один визит.",
                            "Составить вместе с гражданином индивидуальный план поиска работы.",
                        ],
                        "metrics": ["FCR", "IQS", "CSAT"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Оценочный лист приема",
                            "Анализ жалоб и обращений граждан",
                        ],
                        "barriers": [
                            "Консультант требует справки, которые ЦЗН может получить по межведомственному запросу.",
                            "Формальное общение, нет времени разобраться в ситуации гражданина.",
                        ],
                        "owners": ["Отдел по работе с гражданами", "HR отдел", "руководство"],
                        "tools": [
                            "Карточка гражданина в региональной информационной системе",
                            "Индивидуальный план поиска работы",
                        ],
                        "improvement_tools": [
                            "Межведомственные запросы вместо справок от гражданина.",
                            "Обучение консультантов технике мотивационного интервью.",
                            "Памятка о правах и обязанностях безработного простым языком.",
                        ],
                    },
                ],
            },
            {
                "name": "Получение пособия",
                "citizen_goal": "Получать пособие вовремя и понимать, как рассчитан его размер",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Уведомление о назначении пособия",
                        "channel": "portal",
                        "description": "Уведомление в личном кабинете о назначении пособия, его размере и графике выплат.",
                        "citizen_thoughts": [
                            "Сколько мне назначили и почему именно столько?",
                            "Когда придет первая выплата?",
                        ],
                        "centre_goal": [
                            "Сообщать о назначении пособия с расчетом и графиком выплат.",
                        ],
                        "metrics": ["CES", "RpC"],
                        "measurement_methods": [
                            "Статистика повторных обращений по вопросам пособия",
                            "Опрос по ссылке в уведомлении",
                        ],
                        "barriers": [
                            "В уведомлении нет расчета размера пособия.",
                            "Непонятный график выплат.",
                        ],
                        "owners": ["Отдел социальных выплат", "IT-отдел"],
                        "tools": [
                            "Уведомление в личном кабинете",
                            "График выплат",
                        ],
                        "improvement_tools": [
                            "Расчет пособия в уведомлении с пояснением простыми словами.",
                            "Напоминание о дате выплаты по СМС.",
                        ],
                    },
                    {
                        "name": "Банк-партнер: зачисление выплаты",
                        "channel": "partner",
                        "description": "Пособие зачисляется на счет гражданина в банке.",
                        "citizen_thoughts": [
                            "Нужно ли открывать новую карту?",
                            "Почему выплата пришла позже обещанного?",
                        ],
                        "centre_goal": [
                            "Своевременно передавать в банк сведения для выплаты.",
                            "Разбирать задержки выплат в течение одного рабочего дня.",
                        ],
                        "metrics": ["RR", "TTFR"],
                        "measurement_methods": [
                            "Статистика задержанных выплат",
                            "Анализ обращений граждан о задержке выплат",
                        ],
                        "barriers": [
                            "Ошибки в реквизитах приводят к возврату выплаты.",
                            "Гражданин не знает, куда обращаться при задержке.",
                        ],
                        "owners": ["Отдел социальных выплат", "руководство"],
                        "tools": [
                            "Зачисление на карту «Мир»",
                            "Телефон контакт-центра по вопросам выплат",
                        ],
                        "improvement_tools": [
                            "Проверка реквизитов при подаче заявления.",
                            "Автоматическое уведомление гражданина о возврате выплаты с инструкцией.",
                        ],
                    },
                ],
            },
            {
                "name": "Поиск работы и перерегистрация",
                "citizen_goal": "Получать подходящие вакансии и проходить перерегистрацию без лишних визитов",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Подбор вакансий в личном кабинете",
                        "channel": "portal",
                        "description": "Консультант подбирает вакансии, гражданин откликается на них в личном кабинете.",
                        "citizen_thoughts": [
                            "Подходят ли предложенные вакансии моему опыту?",
                            "Можно ли откликнуться прямо из личного кабинета?",
                        ],
                        "centre_goal": [
                            "Подбирать вакансии с учетом опыта, квалификации и места жительства.",
                            "Договариваться с работодателями о собеседованиях.",
                        ],
                        "metrics": ["CSAT", "RR"],
                        "measurement_methods": [
                            "Доля вакансий, по которым гражданин получил приглашение на собеседование",
                            "Опрос о качестве подбора вакансий",
                        ],
                        "barriers": [
                            "Вакансии не соответствуют квалификации.",
                            "Работодатель не отвечает на отклик.",
                        ],
                        "owners": [
                            "Отдел по работе с гражданами",
                            "отдел по работе с работодателями",
                        ],
                        "tools": [
                            "Подборка вакансий в личном кабинете",
                            "Отклик на вакансию онлайн",
                        ],
                        "improvement_tools": [
                            "Подбор вакансий по индивидуальному плану поиска работы.",
                            "Контроль ответов работодателей на отклики безработных граждан.",
                        ],
                    },
                    {
                        "name": "Перерегистрация",
                        "channel": "office",
                        "description": "Периодическое подтверждение статуса безработного в ЦЗН или в личном кабинете.",
                        "citizen_thoughts": [
                            "Обязательно ли приходить лично?",
                            "Сколько времени займет визит?",
                        ],
                        "centre_goal": [
                            "Проводить перерегистрацию дистанционно, где это разрешено.",
                            "Сократить время визита для перерегистрации.",
                        ],
                        "metrics": ["CES", "FCR"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Данные электронной очереди",
                        ],
                        "barriers": [
                            "Гражданин не знает дату перерегистрации.",
                            "Очереди в дни массовой перерегистрации.",
                        ],
                        "owners": ["Отдел по работе с гражданами", "руководство"],
                        "tools": [
                            "Напоминание о дате перерегистрации",
                            "Перерегистрация в личном кабинете",
                        ],
                        "improvement_tools": [
                            "Напоминание по СМС за два дня до перерегистрации.",
                            "Равномерное распределение записи по дням недели.",
                        ],
                    },
                ],
            },
            {
                "name": "Оценка работы",
                "citizen_goal": "Рассказать о своем опыте и убедиться, что его учли",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Опрос по СМС после визита",
                        "channel": "sms",
                        "description": "В течение суток после признания безработным гражданин получает СМС со ссылкой на короткий опрос.",
                        "citizen_thoughts": [
                            "Прочитает ли кто-нибудь мой отзыв?",
                            "Можно ли ответить анонимно?",
                        ],
                        "centre_goal": [
                            "Собирать оценку в течение суток после визита.",
                            "Отвечать на каждый отзыв, к которому оставлены контактные данные.",
                        ],
                        "metrics": ["NPS", "CES", "RESPONSE_RATE"],
                        "measurement_methods": [
                            "Короткий опрос по ссылке в СМС",
                            "Анализ открытых ответов",
                        ],
                        "barriers": [
                            "Слишком длинный опрос.",
                            "Нет ответа на отзыв.",
                        ],
                        "owners": ["Отдел по работе с гражданами", "руководство"],
                        "tools": [
                            "Опрос по ссылке в СМС",
                            "QR-код опроса в помещении ЦЗН",
                        ],
                        "improvement_tools": [
                            "Опрос из трех вопросов с необязательным полем для комментария.",
                            "Ответ на отзыв в течение двух рабочих дней.",
                        ],
                    },
                    {
                        "name": "Отзывы на онлайн-картах и в социальных сетях",
                        "channel": "social",
                        "description": "Публичные отзывы о ЦЗН на Яндекс Картах, в 2ГИС и в социальных сетях.",
                        "citizen_thoughts": [
                            "Стоит ли рассказать другим, как меня обслужили?",
                        ],
                        "centre_goal": [
                            "Отслеживать отзывы о ЦЗН на внешних площадках и отвечать на них публично.",
                        ],
                        "metrics": ["EXT_RATING", "CV-1"],
                        "measurement_methods": [
                            "Мониторинг отзывов на Яндекс Картах и в 2ГИС",
                            "Контент-анализ социальных сетей",
                        ],
                        "barriers": [
                            "Отзывы на внешних площадках остаются без ответа.",
                        ],
                        "owners": ["Пресс-служба", "отдел по работе с гражданами"],
                        "tools": [
                            "Карточки ЦЗН на Яндекс Картах и в 2ГИС",
                            "Сообщество ЦЗН во «ВКонтакте»",
                        ],
                        "improvement_tools": [
                            "Публичный ответ на каждый отзыв с описанием принятых мер.",
                            "Еженедельный разбор отзывов на совещании команды маршрута.",
                        ],
                    },
                ],
            },
        ],
    },
    # ============================================================ (c) pre-retirees: retraining (draft)
    {
        "title": "Переобучение предпенсионеров: новая профессия до выхода на пенсию",
        "service": "Организация профессионального обучения и дополнительного профессионального образования граждан предпенсионного возраста",
        "client_group": "job_seekers",
        "segment": "pre_retirees",
        "persona": "Предпенсионерка, осваивающая новую профессию",
        "split_basis": "target_group",
        "centre": "podolsk",
        "status": "draft",
        "description": "Маршрут гражданина предпенсионного возраста: от первых сведений о бесплатном обучении до трудоустройства по новой профессии. Черновик кросс-функциональной команды.",
        "stages": [
            {
                "name": "Поиск информации",
                "citizen_goal": "Узнать, можно ли бесплатно переобучиться до выхода на пенсию и на каких условиях",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Контакт-центр",
                        "channel": "contact_centre",
                        "description": "Звонок в контакт-центр с вопросом об условиях обучения для граждан предпенсионного возраста.",
                        "citizen_thoughts": [
                            "Положено ли мне бесплатное обучение, если я еще работаю?",
                            "Не откажут ли из-за возраста?",
                        ],
                        "centre_goal": [
                            "Разъяснять условия обучения граждан предпенсионного возраста при первом звонке.",
                            "Записывать на консультацию к специалисту в удобное время.",
                        ],
                        "metrics": ["FCR", "ER"],
                        "measurement_methods": [
                            "Опрос в конце разговора с оператором",
                            "Статистика и тематика обращений",
                        ],
                        "barriers": [
                            "Оператор не знает условий программы для граждан предпенсионного возраста.",
                            "Сложное голосовое меню.",
                        ],
                        "owners": [
                            "Сотрудники контакт-центра",
                            "отдел профессионального обучения",
                        ],
                        "tools": [
                            "Единый номер контакт-центра",
                            "Запись на консультацию по телефону",
                        ],
                        "improvement_tools": [
                            "Памятка для операторов по обучению граждан предпенсионного возраста.",
                            "Прямое соединение с оператором без голосового меню для граждан старшего возраста.",
                        ],
                    },
                    {
                        "name": "Информирование через работодателей и органы социальной защиты",
                        "channel": "partner",
                        "description": "Сведения о программе обучения у работодателей, в МФЦ и органах социальной защиты населения.",
                        "citizen_thoughts": [
                            "Почему мне об этом не рассказали раньше?",
                            "Можно ли доверять этой информации?",
                        ],
                        "centre_goal": [
                            "Распространять сведения о программе через работодателей, МФЦ и органы социальной защиты.",
                        ],
                        "metrics": ["CV-1"],
                        "measurement_methods": [
                            "Учет источника, из которого гражданин узнал о программе",
                            "Анкетирование на первичной консультации",
                        ],
                        "barriers": [
                            "Работодатели не знают о программе.",
                            "Буклеты напечатаны мелким шрифтом и написаны сложным языком.",
                        ],
                        "owners": ["Отдел по работе с работодателями", "пресс-служба"],
                        "tools": [
                            "Буклеты в МФЦ и органах социальной защиты",
                            "Рассылка для кадровых служб работодателей",
                        ],
                        "improvement_tools": [
                            "Буклеты крупным шрифтом с историями успешного переобучения.",
                            "Встречи с кадровыми службами крупных работодателей.",
                        ],
                    },
                ],
            },
            {
                "name": "Консультация и выбор программы",
                "citizen_goal": "Выбрать программу, которая пригодится на рынке труда и подойдет по графику и нагрузке",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Консультация специалиста ЦЗН",
                        "channel": "office",
                        "description": "Специалист ЦЗН помогает выбрать программу обучения с учетом опыта, здоровья и спроса работодателей.",
                        "citizen_thoughts": [
                            "Справлюсь ли я с обучением в моем возрасте?",
                            "Какие профессии сейчас востребованы?",
                            "Найду ли я потом работу?",
                        ],
                        "centre_goal": [
                            "Подобрать программу с учетом опыта, здоровья и спроса работодателей.",
                            "Поддержать гражданина и снять тревогу перед обучением.",
                        ],
                        "metrics": ["CSAT", "IQS"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Оценочный лист консультации",
                        ],
                        "barriers": [
                            "Специалист предлагает программы без учета опыта гражданина.",
                            "Нет сведений о спросе работодателей на выпускников программ.",
                        ],
                        "owners": [
                            "Отдел профессионального обучения",
                            "отдел по работе с гражданами",
                        ],
                        "tools": [
                            "Каталог образовательных программ",
                            "Сведения о вакансиях по профессиям обучения",
                        ],
                        "improvement_tools": [
                            "Профориентационная беседа перед выбором программы.",
                            "Подборка программ со сведениями о трудоустройстве выпускников прошлых лет.",
                        ],
                    },
                    {
                        "name": "Каталог программ на портале «Работа России»",
                        "channel": "portal",
                        "description": "Самостоятельный просмотр программ обучения, расписания и формата занятий на портале.",
                        "citizen_thoughts": [
                            "Как разобраться в таком количестве программ?",
                            "Где указаны расписание и формат занятий?",
                        ],
                        "centre_goal": [
                            "Поддерживать актуальный перечень программ с расписанием и форматом обучения.",
                        ],
                        "metrics": ["CES"],
                        "measurement_methods": [
                            "Опрос после выбора программы",
                            "Статистика обращений за помощью в выборе программы",
                        ],
                        "barriers": [
                            "Мелкий шрифт и сложная навигация.",
                            "Нельзя отобрать программы по формату обучения (очно или дистанционно).",
                        ],
                        "owners": ["Отдел профессионального обучения", "IT-отдел"],
                        "tools": [
                            "Каталог программ с поиском",
                            "Печатная версия каталога в ЦЗН",
                        ],
                        "improvement_tools": [
                            "Печатная подборка программ для граждан, которым неудобно пользоваться порталом.",
                            "Помощь специалиста в выборе программы на портале.",
                        ],
                    },
                ],
            },
            {
                "name": "Оформление направления на обучение",
                "citizen_goal": "Оформить документы на обучение за один визит",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Прием у специалиста ЦЗН",
                        "channel": "office",
                        "description": "Оформление заявки и направления на обучение на приеме в ЦЗН.",
                        "citizen_thoughts": [
                            "Какие документы нужно принести?",
                            "Не придется ли приходить несколько раз?",
                        ],
                        "centre_goal": [
                            "Оформить заявку и направление на обучение за одно посещение.",
                        ],
                        "metrics": ["FCR", "CES"],
                        "measurement_methods": [
                            "Опрос на выходе",
                            "Статистика повторных визитов по одному вопросу",
                        ],
                        "barriers": [
                            "Гражданин не знает заранее перечень документов.",
                            "Заявку с портала приходится заполнять в ЦЗН заново.",
                        ],
                        "owners": [
                            "Отдел профессионального обучения",
                            "отдел по работе с гражданами",
                        ],
                        "tools": [
                            "Памятка с перечнем документов",
                            "Помощь в подаче заявки на портале «Работа России»",
                        ],
                        "improvement_tools": [
                            "Перечень документов в СМС при записи на прием.",
                            "Заполнение заявки на портале вместе со специалистом.",
                        ],
                    },
                ],
            },
            {
                "name": "Обучение",
                "citizen_goal": "Пройти обучение в удобном темпе и получить навыки, которые пригодятся на работе",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Образовательная организация-партнер",
                        "channel": "partner",
                        "description": "Занятия в образовательной организации, с которой ЦЗН заключил договор.",
                        "citizen_thoughts": [
                            "Понятно ли объясняют преподаватели?",
                            "Успею ли я за молодыми слушателями?",
                        ],
                        "centre_goal": [
                            "Контролировать качество обучения в образовательных организациях-партнерах.",
                            "Учитывать особенности слушателей старшего возраста.",
                        ],
                        "metrics": ["CSAT", "NPS"],
                        "measurement_methods": [
                            "Опрос слушателей в середине и в конце обучения",
                            "Доля слушателей, завершивших обучение",
                        ],
                        "barriers": [
                            "Темп обучения не учитывает возраст слушателей.",
                            "Неудобное расписание занятий.",
                        ],
                        "owners": [
                            "Отдел профессионального обучения",
                            "образовательная организация-партнер",
                        ],
                        "tools": [
                            "Очные занятия и платформа дистанционного обучения",
                            "Учебные материалы в печатном виде",
                        ],
                        "improvement_tools": [
                            "Отдельные учебные группы для граждан предпенсионного возраста.",
                            "Требования к образовательным организациям о доступной подаче материала.",
                        ],
                    },
                    {
                        "name": "Сопровождение куратором ЦЗН",
                        "channel": "messenger",
                        "description": "Куратор ЦЗН отвечает на вопросы слушателя по телефону и в мессенджере.",
                        "citizen_thoughts": [
                            "К кому обратиться, если обучение не подходит?",
                            "Ответят ли мне быстро?",
                        ],
                        "centre_goal": [
                            "Закрепить за слушателем куратора и отвечать на вопросы в течение рабочего дня.",
                        ],
                        "metrics": ["TTFR", "RR"],
                        "measurement_methods": [
                            "Время ответа куратора в мессенджере",
                            "Опрос по итогам обучения",
                        ],
                        "barriers": [
                            "Гражданин не знает контактов куратора.",
                            "Куратор отвечает с задержкой.",
                        ],
                        "owners": ["Отдел профессионального обучения"],
                        "tools": ["Телефон и мессенджер куратора"],
                        "improvement_tools": [
                            "Визитка куратора с телефоном при выдаче направления на обучение.",
                            "Плановый звонок куратора в первую неделю обучения.",
                        ],
                    },
                ],
            },
            {
                "name": "Трудоустройство после обучения",
                "citizen_goal": "Применить новые навыки: сохранить работу или устроиться на новую",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Подбор вакансий специалистом ЦЗН",
                        "channel": "office",
                        "description": "Специалист ЦЗН подбирает вакансии у работодателей, готовых принимать граждан старшего возраста.",
                        "citizen_thoughts": [
                            "Возьмут ли меня на работу с новым дипломом, но без опыта?",
                            "Есть ли работодатели, готовые брать людей моего возраста?",
                        ],
                        "centre_goal": [
                            "Подбирать вакансии у работодателей, готовых трудоустраивать граждан предпенсионного возраста.",
                            "Сопровождать гражданина до трудоустройства.",
                        ],
                        "metrics": ["RR", "NPS"],
                        "measurement_methods": [
                            "Доля трудоустроенных в течение трех месяцев после обучения",
                            "Опрос через месяц после трудоустройства",
                        ],
                        "barriers": [
                            "Возрастная дискриминация при отборе.",
                            "Нет вакансий по профессии обучения рядом с домом.",
                        ],
                        "owners": [
                            "Отдел по работе с гражданами",
                            "отдел по работе с работодателями",
                        ],
                        "tools": [
                            "Подборка вакансий работодателей-партнеров",
                            "Стажировка у работодателя",
                        ],
                        "improvement_tools": [
                            "Договоренности с работодателями о стажировках для выпускников программы.",
                            "Сопровождение карьерным консультантом в первые три месяца работы.",
                        ],
                    },
                    {
                        "name": "Ярмарка вакансий для граждан старшего возраста",
                        "channel": "office",
                        "description": "Тематическая ярмарка вакансий в ЦЗН для граждан старшего возраста.",
                        "citizen_thoughts": [
                            "Не растеряюсь ли я среди молодых соискателей?",
                        ],
                        "centre_goal": [
                            "Проводить ярмарки вакансий для граждан старшего возраста.",
                        ],
                        "metrics": ["CSAT"],
                        "measurement_methods": [
                            "Анкета участника ярмарки",
                            "Число приглашений на собеседование по итогам ярмарки",
                        ],
                        "barriers": [
                            "На общих ярмарках мало вакансий для граждан старшего возраста.",
                        ],
                        "owners": ["Отдел по работе с работодателями", "руководство"],
                        "tools": ["Тематическая ярмарка вакансий «Опыт в деле»"],
                        "improvement_tools": [
                            "Ярмарки вакансий для граждан старшего возраста раз в квартал.",
                        ],
                    },
                ],
            },
        ],
    },
    # ============================================================ (d) young parents: remote (draft, khimki)
    {
        "title": "Молодые родители: поиск работы с гибким графиком без визитов в ЦЗН",
        "service": "Содействие гражданам в поиске подходящей работы",
        "client_group": "job_seekers",
        "segment": "young_parents",
        "persona": "Молодая мама в поиске работы с гибким графиком",
        "split_basis": "no_visit",
        "centre": "khimki",
        "status": "draft",
        "description": "Маршрут без посещения ЦЗН: чат-бот и социальные сети, заявление на портале, видеоконсультация, подбор вакансий с гибким графиком. Черновик ЦЗН Химки.",
        "stages": [
            {
                "name": "Поиск информации",
                "citizen_goal": "Быстро узнать, поможет ли ЦЗН найти работу с гибким графиком, не приезжая в центр",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Чат-бот ЦЗН",
                        "channel": "chat_bot",
                        "description": "Чат-бот в сообществе ЦЗН во «ВКонтакте» отвечает на частые вопросы и передает сложные вопросы специалисту.",
                        "citizen_thoughts": [
                            "Поймет ли бот мой вопрос?",
                            "Можно ли сразу перейти к живому специалисту?",
                        ],
                        "centre_goal": [
                            "Отвечать в чат-боте на частые вопросы круглосуточно.",
                            "Передавать сложные вопросы специалисту в рабочее время.",
                        ],
                        "metrics": ["FCR", "ER", "TTFR"],
                        "measurement_methods": [
                            "Статистика диалогов чат-бота",
                            "Оценка ответа в конце диалога",
                        ],
                        "barriers": [
                            "Бот не распознает вопрос и предлагает одни и те же кнопки.",
                            "Нет перехода к специалисту.",
                        ],
                        "owners": ["IT-отдел", "отдел по работе с гражданами"],
                        "tools": [
                            "Чат-бот в сообществе ЦЗН во «ВКонтакте»",
                            "Кнопка «Связаться со специалистом»",
                        ],
                        "improvement_tools": [
                            "Пополнение базы ответов чат-бота по итогам разбора нераспознанных вопросов.",
                            "Кнопка перехода к специалисту на каждом шаге диалога.",
                        ],
                    },
                    {
                        "name": "Сообщество ЦЗН в социальной сети",
                        "channel": "social",
                        "description": "Публикации с вакансиями и ответы на комментарии в сообществе ЦЗН во «ВКонтакте».",
                        "citizen_thoughts": [
                            "Есть ли здесь вакансии для мам с маленькими детьми?",
                            "Как быстро ответят на мой комментарий?",
                        ],
                        "centre_goal": [
                            "Публиковать подборки вакансий с гибким графиком и удаленной работой.",
                            "Отвечать на комментарии и сообщения в течение рабочего дня.",
                        ],
                        "metrics": ["CV-1", "TTFR"],
                        "measurement_methods": [
                            "Контент-анализ комментариев и сообщений",
                            "Статистика охвата публикаций",
                        ],
                        "barriers": [
                            "Редкие публикации, в вакансиях не указан график работы.",
                            "Вопросы в комментариях остаются без ответа.",
                        ],
                        "owners": ["Пресс-служба", "отдел по работе с гражданами"],
                        "tools": [
                            "Сообщество ЦЗН во «ВКонтакте»",
                            "Подборки вакансий с гибким графиком",
                        ],
                        "improvement_tools": [
                            "Еженедельная рубрика «Работа для родителей».",
                            "Дежурный специалист для ответов на комментарии.",
                        ],
                    },
                ],
            },
            {
                "name": "Подача заявления на поиск работы",
                "citizen_goal": "Подать заявление онлайн, не тратя время на визит в ЦЗН",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Портал «Работа России»",
                        "channel": "portal",
                        "description": "Заявление о содействии в поиске работы и резюме в личном кабинете на портале.",
                        "citizen_thoughts": [
                            "Можно ли указать, что мне нужна работа на неполный день?",
                            "Сколько времени займет заполнение?",
                        ],
                        "centre_goal": [
                            "Рассматривать заявление в течение одного рабочего дня.",
                            "Учитывать пожелания к графику работы при подборе вакансий.",
                        ],
                        "metrics": ["CES", "RR"],
                        "measurement_methods": [
                            "Опрос после подачи заявления",
                            "Статистика возвратов заявлений",
                        ],
                        "barriers": [
                            "Негде указать пожелания к графику работы.",
                            "Заявление приходится заполнять урывками, а введенные данные не сохраняются.",
                        ],
                        "owners": ["Отдел по работе с гражданами", "IT-отдел"],
                        "tools": [
                            "Электронное заявление в личном кабинете",
                            "Мобильная версия портала",
                        ],
                        "improvement_tools": [
                            "Подсказка указать желаемый график в разделе дополнительных сведений.",
                            "Звонок специалиста для уточнения пожеланий после подачи заявления.",
                        ],
                    },
                ],
            },
            {
                "name": "Онлайн-консультация",
                "citizen_goal": "Получить консультацию карьерного консультанта по видеосвязи в удобное время",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Видеоконсультация карьерного консультанта",
                        "channel": "other",
                        "description": "Консультация по видеосвязи по предварительной записи.",
                        "citizen_thoughts": [
                            "Смогу ли я выбрать время, когда ребенок спит?",
                            "Не будет ли проблем со связью?",
                        ],
                        "centre_goal": [
                            "Проводить видеоконсультации по записи в удобное для гражданина время.",
                            "Составлять индивидуальный план поиска работы.",
                        ],
                        "metrics": ["CSAT", "IQS"],
                        "measurement_methods": [
                            "Опрос после консультации",
                            "Оценочный лист видеоконсультации",
                        ],
                        "barriers": [
                            "Нет свободного времени для записи вечером.",
                            "Сбои связи, консультацию переносят.",
                        ],
                        "owners": ["Отдел по работе с гражданами", "IT-отдел"],
                        "tools": [
                            "Онлайн-запись на видеоконсультацию",
                            "Видеосвязь в браузере без установки программ",
                        ],
                        "improvement_tools": [
                            "Вечерние часы для записи на видеоконсультацию.",
                            "Звонок по телефону при сбое видеосвязи.",
                        ],
                    },
                ],
            },
            {
                "name": "Подбор вакансий и собеседования",
                "citizen_goal": "Получить вакансии с подходящим графиком и пройти собеседования",
                "citizen_thoughts": [],
                "centre_goal": [],
                "note": "",
                "touchpoints": [
                    {
                        "name": "Подборка вакансий по электронной почте",
                        "channel": "email",
                        "description": "Консультант присылает подборку вакансий с гибким графиком, неполным днем и удаленной работой.",
                        "citizen_thoughts": [
                            "Подходят ли вакансии по графику и расстоянию от дома?",
                            "Действительно ли работодатель готов к неполному дню?",
                        ],
                        "centre_goal": [
                            "Подбирать вакансии с гибким графиком, неполным днем и удаленной работой.",
                            "Уточнять у работодателя готовность принять родителя маленького ребенка.",
                        ],
                        "metrics": ["CSAT", "RR"],
                        "measurement_methods": [
                            "Доля вакансий, по которым получено приглашение на собеседование",
                            "Опрос о качестве подбора",
                        ],
                        "barriers": [
                            "Мало вакансий с неполным рабочим днем.",
                            "В вакансиях указан гибкий график, которого на деле нет.",
                        ],
                        "owners": [
                            "Отдел по работе с гражданами",
                            "отдел по работе с работодателями",
                        ],
                        "tools": [
                            "Подборка вакансий по электронной почте",
                            "Отбор вакансий по графику работы",
                        ],
                        "improvement_tools": [
                            "Переговоры с работодателями о рабочих местах с гибким графиком.",
                            "Проверка условий вакансии перед включением в подборку.",
                        ],
                    },
                    {
                        "name": "Собеседование у работодателя",
                        "channel": "partner",
                        "description": "Собеседование у работодателя очно или по видеосвязи по направлению ЦЗН.",
                        "citizen_thoughts": [
                            "Не откажут ли мне из-за ребенка?",
                            "Можно ли пройти собеседование по видеосвязи?",
                        ],
                        "centre_goal": [
                            "Договариваться с работодателем о формате собеседования.",
                            "Получать от работодателя сведения о результатах собеседования.",
                        ],
                        "metrics": ["NPS", "RR"],
                        "measurement_methods": [
                            "Отметка работодателя о результате собеседования",
                            "Опрос соискателя после собеседования",
                        ],
                        "barriers": [
                            "Работодатель не сообщает результат собеседования.",
                            "Скрытая дискриминация родителей маленьких детей.",
                        ],
                        "owners": ["Отдел по работе с работодателями"],
                        "tools": [
                            "Собеседование по видеосвязи",
                            "Отметка о результате в личном кабинете работодателя",
                        ],
                        "improvement_tools": [
                            "Обязательная обратная связь работодателя по каждому направленному кандидату.",
                            "Разбор жалоб на дискриминацию с участием руководства ЦЗН.",
                        ],
                    },
                ],
            },
        ],
    },
]


# A short point survey (App. 3 §6, App. 4) at the touchpoints of the main journey.
SURVEY = {
    "title": "Как прошло Ваше обращение в ЦЗН?",
    "intro": "Пять коротких вопросов, меньше минуты. Ответы помогают нам убрать то, что мешает.",
    "thanks": "Команда маршрута разбирает ответы каждую неделю. Если Вы оставили отзыв, "
    "мы учтем его при следующем решении — изменения публикуются на стене отзывов ЦЗН.",
    "questions": [
        {
            "type": "ces",
            "text": "Насколько легко вам было решить проблему благодаря посещению нашей организации?",
            "scale_points": 5,
            "required": True,
        },
        {
            "type": "csat",
            "text": "Соответствует ли Вашим ожиданиям результат обращения в СЗН?",
        },
        {
            "type": "nps",
            "text": "Оцените по шкале от 0 до 10 вероятность того, что вы порекомендуете "
            "обратиться в СЗН своим друзьям и знакомым",
        },
        {"type": "text", "text": "Что нам стоит улучшить?"},
    ],
}
