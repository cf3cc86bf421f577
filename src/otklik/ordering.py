"""Ordered children (stages, touchpoints, questions): one way to move and renumber them."""


def move(items: list, item_pk: int, step: int) -> bool:
    """Swap the item with its neighbour ``step`` places away, in place; False at either end."""
    index = next(i for i, item in enumerate(items) if item.pk == item_pk)
    target = index + step
    if not 0 <= target < len(items):
        return False
    items[index], items[target] = items[target], items[index]
    return True


def renumber(items: list) -> None:
    """Give the items the orders 1, 2, …; saves new items whole, others only when moved."""
    for order, item in enumerate(items, start=1):
        if item.pk is None:
            item.order = order
            item.save()
        elif item.order != order:
            item.order = order
            item.save(update_fields=["order"])
