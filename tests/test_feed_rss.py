"""`feed.xml` as podcast apps read it: feedparser, and a strict XML parser for what it skips."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import pytest
from test_feed_support import BASE_URL, CONFIG_TEXT, make_article, write_config

from reader.feed import update_feed
from reader.feed.rss import PODCAST, podcast_guid_for
from reader.feed.text import one_line, xml_safe

PODCAST_NS = {"podcast": PODCAST}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("output")
    write_config(output)
    make_article(output, "be6178708a06076a", date="2026-03-05", series_number=9)
    make_article(output, "c0ffee0000000001", date="2026-03-06", series_number=10, seconds=2.5)
    make_article(output, "no-series", date="2026-03-04", series_number=None, seconds=1.0)
    update_feed(output)
    return output


def test_feedparser_reads_every_episode_without_error(built: Path) -> None:
    parsed = feedparser.parse((built / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.title == "晨报有声版"
    assert parsed.feed.language == "zh-cn"
    assert parsed.feed.podcast_guid == podcast_guid_for(BASE_URL + "feed.xml")
    assert parsed.feed.image.href == BASE_URL + "cover.png"
    assert not parsed.feed.itunes_explicit  # feedparser maps only "yes" to True
    # Newest first.
    assert [entry.link.split("/")[-2] for entry in parsed.entries] == [
        "c0ffee0000000001",
        "be6178708a06076a",
        "no-series",
    ]


def test_each_item_has_exact_enclosure_and_podcast_links(built: Path) -> None:
    parsed = feedparser.parse((built / "feed.xml").read_bytes())
    for entry in parsed.entries:
        slug = entry.link.split("/")[-2]
        (enclosure,) = entry.enclosures
        assert enclosure.href == f"{BASE_URL}{slug}/{slug}.mp3"
        assert int(enclosure.length) == (built / slug / f"{slug}.mp3").stat().st_size
        assert enclosure.type == "audio/mpeg"
        assert entry.podcast_chapters == {
            "url": f"{BASE_URL}{slug}/chapters.json",
            "type": "application/json+chapters",
        }
        assert entry.guidislink is False
        assert entry.summary.startswith("——市两会代表委员热议")
        assert int(entry.itunes_duration) >= 1
    numbers = [entry.get("itunes_episode") for entry in parsed.entries]
    assert numbers == ["10", "9", None]


def test_transcripts_point_at_the_vtt_and_the_page(built: Path) -> None:
    channel = ET.parse(built / "feed.xml").getroot().find("channel")
    assert channel is not None
    for item in channel.iter("item"):
        link = item.findtext("link")
        assert link is not None
        slug = link.split("/")[-2]
        transcripts = {
            t.get("type"): t.attrib for t in item.findall("podcast:transcript", PODCAST_NS)
        }
        assert transcripts["text/vtt"]["url"] == f"{BASE_URL}{slug}/{slug}.vtt"
        assert transcripts["text/vtt"]["rel"] == "captions"
        assert transcripts["text/html"]["url"] == f"{BASE_URL}{slug}/index.html"


def test_pub_date_is_rfc822_at_the_publishing_time(built: Path) -> None:
    parsed = feedparser.parse((built / "feed.xml").read_bytes())
    moment = parsedate_to_datetime(parsed.entries[0].published)
    assert moment.isoformat() == "2026-03-06T06:00:00+08:00"


def test_podcast_guid_matches_the_specification_examples() -> None:
    # The two examples of the Podcasting 2.0 specification (docs/tags/guid.md).
    assert podcast_guid_for("https://mp3s.nashownotes.com/pc20rss.xml") == (
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    )
    assert podcast_guid_for("https://podnews.net/rss/") == "9b024349-ccf0-5f69-a609-6b82873eab3c"


HOSTILE = "A&B <i>粗体</i> \"引号\" '单' ]]> 换\x0c页\x00空\x1b控\x7f制 \ud800半 \ufffe\uffff完"


def test_hostile_text_never_breaks_the_feed(tmp_path: Path) -> None:
    write_config(tmp_path)
    make_article(tmp_path, "hostile", title=HOSTILE, description=HOSTILE + "\n第二行")
    update_feed(tmp_path)
    data = (tmp_path / "feed.xml").read_bytes()
    ET.fromstring(data)  # a strict XML 1.0 parser accepts it
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    expected = "A&B <i>粗体</i> \"引号\" '单' ]]> 换页空控制 半 完"
    assert one_line(HOSTILE) == expected
    assert ET.fromstring(data).findtext("channel/item/title") == expected
    assert b"<i>" not in data  # escaped, not markup


def test_xml_safe_keeps_tab_newline_and_astral_characters() -> None:
    assert xml_safe("a\tb\nc\r𠀀") == "a\tb\nc\r𠀀"
    assert xml_safe("\x01\x08\x0b\x0c\x0e\x1f\x85") == ""


def test_optional_channel_fields(tmp_path: Path) -> None:
    extra = 'locked = true\nexplicit = true\ncopyright = "© 2026 晨报"\ntype = "serial"\n'
    write_config(tmp_path, CONFIG_TEXT + extra)
    make_article(tmp_path, "story")
    update_feed(tmp_path)
    channel = ET.parse(tmp_path / "feed.xml").getroot().find("channel")
    assert channel is not None
    locked = channel.find("podcast:locked", PODCAST_NS)
    assert locked is not None and locked.text == "yes"
    assert locked.get("owner") == "podcast@example.org"
    assert channel.findtext("copyright") == "© 2026 晨报"
    parsed = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    assert parsed.feed.itunes_type == "serial"
    itunes = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}
    assert channel.findtext("item/itunes:explicit", namespaces=itunes) == "true"
