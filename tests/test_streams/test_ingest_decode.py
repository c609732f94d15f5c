"""The ingest decode function on hostile input: total (never raises), and every reason reachable."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas.news import NewsItem
from streams.decode import Clean, Reason, Rejected, decode_news, normalise_text

LIMIT = 4096

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec=None, categories=["Cc", "Cs", "Co"]), max_size=20),
)
json_values = st.recursive(
    scalars,
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
    max_leaves=20,
)
items = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=30), st.integers(), st.none(), st.floats(), st.lists(st.integers())),
        "title": st.one_of(st.text(max_size=200), st.none(), st.integers(), st.lists(st.text(max_size=5))),
        "body": st.one_of(st.text(max_size=500), st.none(), st.floats()),
        "source": st.one_of(st.text(max_size=20), st.none(), st.integers()),
        "published_at": st.one_of(st.text(max_size=30), st.integers(), st.none(), st.datetimes().map(str)),
        "language": st.one_of(st.text(max_size=5), st.none()),
        "extra": json_values,
    },
)


def _encode(obj: object) -> bytes:
    return json.dumps(obj, allow_nan=True).encode("utf-8", "surrogatepass")


hostile = st.one_of(
    st.binary(max_size=300),
    st.binary(min_size=LIMIT + 1, max_size=LIMIT + 64),
    items.map(_encode),
    json_values.map(_encode),
    st.integers(min_value=1, max_value=3000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(min_value=1, max_value=3000).map(
        lambda n: b'{"id":"d","title":"t","x":' + b"[" * n + b"]" * n + b"}"
    ),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.text(min_size=1, max_size=10), st.binary(max_size=20)).map(
        lambda p: b'{"id": "' + p[0].encode("utf-8", "surrogatepass") + b'", "title": "' + p[1] + b'"}'
    ),
)


@settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
@given(hostile)
def test_every_record_is_processed_or_rejected_with_a_reason(value: bytes) -> None:
    result = decode_news(value, LIMIT)
    if isinstance(result, Rejected):
        assert result.reason in Reason and result.reason is not Reason.PROCESSING_ERROR
        assert result.error
    else:
        assert isinstance(result, Clean)
        again = NewsItem.model_validate_json(result.payload)
        assert again.id == result.item.id and (again.title.strip() or again.body.strip())
        result.payload.decode("utf-8")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (b"", Reason.EMPTY),
        (b" \n", Reason.EMPTY),
        (None, Reason.EMPTY),
        (b"x" * (LIMIT + 1), Reason.OVERSIZED),
        (b"\xff\xfe", Reason.BAD_ENCODING),
        (b'{"id": "a", "title": "\\ud800"}', Reason.BAD_ENCODING),
        (b"{", Reason.INVALID_JSON),
        (b'{"id": NaN, "title": "x"}', Reason.INVALID_JSON),
        (b"[" * 500 + b"]" * 500, Reason.SCHEMA),
        (b"[" * 100_000, Reason.INVALID_JSON),
        (b"42", Reason.SCHEMA),
        (b'{"id": null, "title": "x"}', Reason.SCHEMA),
        (b'{"id": "a", "title": "", "body": "  "}', Reason.EMPTY),
    ],
)
def test_reasons(value: bytes | None, reason: Reason) -> None:
    result = decode_news(value, LIMIT if value is None or len(value) < 50_000 else 10**6)
    assert isinstance(result, Rejected), result
    assert result.reason is reason


def test_numeric_id_and_control_characters_are_normalised() -> None:
    result = decode_news(b'{"id": 7, "title": "Troops\\u0000 massed\\u0007", "extra": 1}', LIMIT)
    assert isinstance(result, Clean)
    assert result.item.id == "7"
    assert result.item.title == "Troops massed"
    assert json.loads(result.payload)["extra"] == 1  # unknown fields are kept


def test_normalise_text_composes_unicode() -> None:
    assert normalise_text("cafe\u0301\tok\n") == "caf\u00e9\tok\n"
