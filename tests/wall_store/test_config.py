"""Configuration: one TOML file, every key overridable by MAILWALL_<SECTION>_<KEY>."""

from __future__ import annotations

from pathlib import Path

import pytest

from wall_store import config


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mailwall.toml"
    path.write_text(body, encoding="utf-8")
    return path


BASIC = '[database]\nurl = "sqlite:///mailwall.db"\n[smtp]\nport = 2600\n'


def test_file_values_are_read(tmp_path: Path) -> None:
    cfg = config.load(write(tmp_path, BASIC), env={})
    assert cfg.smtp.port == 2600
    assert cfg.web.port == 8025  # the default where the file is silent


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    env = {"MAILWALL_SMTP_PORT": "2626", "MAILWALL_WEB_BASE_URL": "https://wall.example.com"}
    cfg = config.load(write(tmp_path, BASIC), env=env)
    assert cfg.smtp.port == 2626
    assert cfg.web.base_url == "https://wall.example.com"


def test_config_file_is_found_through_the_environment_variable(tmp_path: Path) -> None:
    path = write(tmp_path, BASIC)
    cfg = config.load(None, env={"MAILWALL_CONFIG": str(path)})
    assert cfg.path == path.resolve()


def test_relative_sqlite_path_is_relative_to_the_file_not_the_current_folder(
    tmp_path: Path,
) -> None:
    cfg = config.load(write(tmp_path, BASIC), env={})
    assert cfg.database.url == f"sqlite:///{tmp_path.resolve() / 'mailwall.db'}"


def test_outbox_maildir_defaults_to_the_data_folder(tmp_path: Path) -> None:
    cfg = config.load(write(tmp_path, BASIC), env={})
    assert cfg.outbox_maildir == tmp_path.resolve() / "outbox"


def test_unknown_key_names_the_key_the_section_and_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, BASIC + "prot = 25\n")
    with pytest.raises(config.ConfigError) as err:
        config.load(path, env={})
    message = str(err.value)
    assert "'prot'" in message and "[smtp]" in message and str(path.resolve()) in message
    assert "did you mean 'port'" in message


def test_unknown_section_is_refused(tmp_path: Path) -> None:
    with pytest.raises(config.ConfigError, match=r"unknown section \[smpt\]"):
        config.load(write(tmp_path, BASIC + "[smpt]\nhost = 'x'\n"), env={})


def test_missing_database_url_names_the_key_and_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[smtp]\nport = 25\n")
    with pytest.raises(config.ConfigError) as err:
        config.load(path, env={})
    assert "'url'" in str(err.value) and "[database]" in str(err.value)
    assert str(path.resolve()) in str(err.value)


def test_wrong_type_in_the_environment_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(config.ConfigError, match="MAILWALL_SMTP_PORT"):
        config.load(write(tmp_path, BASIC), env={"MAILWALL_SMTP_PORT": "vingt-cinq"})


def test_wrong_type_in_the_file_names_the_key(tmp_path: Path) -> None:
    with pytest.raises(config.ConfigError, match=r"\[smtp\] port .* whole number"):
        config.load(write(tmp_path, '[database]\nurl = "x"\n[smtp]\nport = "abc"\n'), env={})


def test_invalid_toml_is_reported_with_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[database\nurl=")
    with pytest.raises(config.ConfigError, match="not valid TOML"):
        config.load(path, env={})


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(config.ConfigError, match="does not exist"):
        config.load(tmp_path / "absent.toml", env={})


def test_secret_comes_from_the_environment_before_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "secret.key").write_text("f" * 64)
    cfg = config.load(write(tmp_path, BASIC), env={})
    assert cfg.secret() == b"f" * 64
    monkeypatch.setenv(config.SECRET_ENV, "e" * 40)
    assert cfg.secret() == b"e" * 40


def test_a_short_secret_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.key").write_text("short")
    cfg = config.load(write(tmp_path, BASIC), env={})
    with pytest.raises(config.ConfigError, match="too short"):
        cfg.secret()


def test_the_secret_is_not_part_of_the_configuration_value(tmp_path: Path) -> None:
    (tmp_path / "secret.key").write_text("s" * 64)
    cfg = config.load(write(tmp_path, BASIC), env={})
    assert "s" * 64 not in repr(cfg)
