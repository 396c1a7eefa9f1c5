"""A scan told from a person's keys by when the keys came (no Qt: the times are given)."""
from desktop.gate.scanned import KeyTimes
from desktop.gate.subjects import scan_in

ID = "420106196001010018"


def typed(*runs: tuple[str, float, float]) -> tuple[str, KeyTimes]:
    """Runs of (text, seconds before its first key, seconds between its keys)."""
    keys, text, now = KeyTimes(), "", 100.0
    for run, pause, every in runs:
        now += pause
        for n, ch in enumerate(run):
            keys.key(now + n * every, text)
            text += ch
        now += (len(run) - 1) * every
    return text, keys


def test_a_scan_after_a_persons_keys_is_the_scan_and_the_keys_before_it_are_theirs():
    assert scan_in(*typed(("zh", 0, 0.15), (ID, 0.1, 0.005))) == ("zh", ID)
    assert scan_in(*typed(("365", 0, 0.15), (ID, 0.6, 0.005))) == ("365", ID)


def test_a_scanner_pausing_once_mid_code_is_still_one_scan():
    """The computer busy for a moment: one gap of 0.1 s among the scanner's keys."""
    assert scan_in(*typed((ID[:9], 0, 0.005), (ID[9:], 0.1, 0.005))) == ("", ID)


def test_a_person_typing_a_whole_id_number_is_no_scan():
    assert scan_in(*typed((ID, 0, 0.09))) is None
    assert scan_in(*typed(("zh", 0, 0.15), (ID[:17], 0.1, 0.005))) is None     # no whole code


def test_the_end_of_a_scan_whose_first_keys_were_lost_is_told_from_a_persons_keys():
    """F9 and a scan at once: the form got the scan's end ('0106…' and the scanner's Enter)."""
    assert KeyTimes().scan_end("") is None
    text, keys = typed(("同济", 0, 0.2), (ID[2:], 0.5, 0.005))
    assert keys.scan_end(text) == ("同济", ID[2:])
    text, keys = typed(("tongji", 0, 0.12), ("yy", 0.3, 0.01))              # two keys pressed together
    assert keys.scan_end(text) is None
    text, keys = typed(("同济医院透析", 0, 0.005))                          # an input method's words
    assert keys.scan_end(text) is None
    text, keys = typed(("3-2-501", 0, 0.03))                                # a quick hand, a door
    assert keys.scan_end(text) is None


def test_a_reading_typed_after_a_scan_not_yet_taken_is_put_before_it():
    from desktop.gate.subjects import scan_then_reading
    assert scan_then_reading(*typed((ID, 0, 0.005), ("365", 0.3, 0.12))) == "365" + ID
    assert scan_then_reading(*typed((ID + "3", 0, 0.005), ("65", 0.12, 0.12))) == "365" + ID
    assert scan_then_reading(*typed(("365", 0, 0.12), (ID, 0.3, 0.005))) is None   # typed before it
    # A pass's check code has a fixed length: its end is known without a pause after it.
    qr = "MS1:S0A1B-12:ABCDEFGHIJ"
    assert scan_then_reading(*typed((qr + "3", 0, 0.005))) == "3" + qr
    assert scan_then_reading(*typed((qr + "Z", 0, 0.005))) is None                 # no reading
    # So has an ID number, when its check digit says it is whole (ID's is wrong: 6, not 8).
    whole, with_x = "420106196001010016", "42010619600101018x"
    assert scan_then_reading(*typed((whole + "3", 0, 0.005))) == "3" + whole
    assert scan_then_reading(*typed((with_x + "36.", 0, 0.005))) == "36." + with_x
    assert scan_then_reading(*typed((ID + "3", 0, 0.005))) is None
    assert scan_then_reading(*typed(("420106600101001" + "3", 0, 0.005))) is None  # an old 15-digit one
    # '36' and then a scan is the scan: digits have no mark where a number starts (its first 18
    # are a checked number here too), the check digit of the last 18 decides.
    assert scan_then_reading(*typed(("36" + "420106196001010200", 0, 0.005))) is None
