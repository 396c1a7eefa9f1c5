"""Masking personal data on public lists, on paper and for the gate role."""


def mask_phone(phone: str) -> str:
    """138****8000 for printed public lists and the gate role."""
    if len(phone) == 11 and phone.isdigit():
        return phone[:3] + "****" + phone[7:]
    return phone[:-4] + "****" if len(phone) > 4 else "****"


def mask_id_number(number: str) -> str:
    """110101********8515: region and last four; never the birth date."""
    if len(number) >= 10:
        return number[:6] + "*" * (len(number) - 10) + number[-4:]
    return "*" * len(number)
