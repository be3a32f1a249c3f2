"""`reader.toml`: the example loads, and every bad field fails in one line naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_feed_support import CONFIG_TEXT

from reader.errors import InputError
from reader.feed import EXAMPLE_CONFIG, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reader.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_example_loads(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, EXAMPLE_CONFIG))
    assert config.title == "晨报有声版"
    assert config.language == "zh-cn"
    assert config.base_url == "https://radio.example.org/podcast/"
    assert (config.category, config.subcategory) == ("News", "Daily News")
    assert config.explicit is False
    assert config.publish_time == "06:00"


def test_defaults_and_base_url_gets_its_slash(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path, 'title = "t"\ndescription = "d"\nauthor = "a"\nbase_url = "https://x.org/p"'
        )
    )
    assert config.base_url == "https://x.org/p/"
    assert (config.language, config.category, config.subcategory) == ("zh-cn", "News", None)
    assert config.keep is None and config.locked is None


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (('title = "晨报有声版"\n', ""), "title"),
        (('author = "晨报融媒体中心"\n', 'author = ""\n'), "author"),
        (('owner_name = "晨报"\n', 'owner_name = "晨报"\ntitel = "typo"\n'), "titel"),
        (('category = "News"', 'category = "Nachrichten"'), "category"),
        (('subcategory = "Daily News"', 'subcategory = "Video Games"'), "subcategory"),
        (("https://radio.example.org/podcast/", "radio.example.org"), "base_url"),
        (('owner_email = "podcast@example.org"', 'owner_email = "nobody"'), "owner_email"),
        (('image = "cover.png"', "explicit = 'no'"), "explicit"),
        (('image = "cover.png"', "keep = 0"), "keep"),
        (('image = "cover.png"', 'timezone = "Mars/Base"'), "timezone"),
        (('image = "cover.png"', 'publish_time = "6 am"'), "publish_time"),
        (('image = "cover.png"', 'type = "daily"'), "type"),
        (('image = "cover.png"', 'podcast_guid = "abc"'), "podcast_guid"),
    ],
)
def test_a_bad_field_names_file_and_key(tmp_path: Path, change: tuple[str, str], key: str) -> None:
    old, new = change
    assert old in CONFIG_TEXT
    text = CONFIG_TEXT.replace(old, new)
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_config(path)
    message = str(caught.value)
    assert str(path) in message and f"key '{key}'" in message
    assert "\n" not in message


def test_locked_needs_an_owner(tmp_path: Path) -> None:
    text = CONFIG_TEXT.replace('owner_email = "podcast@example.org"\n', "locked = true\n")
    with pytest.raises(InputError, match="key 'locked'"):
        load_config(write(tmp_path, text))


def test_broken_toml_and_missing_file_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not valid TOML") as caught:
        load_config(write(tmp_path, 'title = "unterminated\n'))
    assert "\n" not in str(caught.value)
    with pytest.raises(InputError, match="no such config file"):
        load_config(tmp_path / "missing.toml")
