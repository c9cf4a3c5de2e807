"""Errors are Python exceptions carrying the CLI's messages; none aborts the interpreter."""

import os

import pytest

import hegemony


def test_an_unknown_state_is_a_value_error_with_the_clis_message(cli, data):
    expected = cli.error("profile", "Armnia", "--dominant", "RUS", "--data-dir", data)
    assert expected == "unknown state 'Armnia'; did you mean Armenia (ARM)?"
    with pytest.raises(ValueError) as e:
        hegemony.profile("Armnia", "RUS", data_dir=data)
    assert str(e.value) == expected


def test_a_bad_dyad_and_a_bad_issue_are_value_errors_with_the_clis_messages(cli, data):
    expected = cli.error("agreement", "--dyads", "RUSARM", "--data-dir", data)
    with pytest.raises(ValueError, match="^'RUSARM' is not a dyad") as e:
        hegemony.agreement("RUSARM", data_dir=data)
    assert str(e.value) == expected
    expected = cli.error("agreement", "--dyads", "RUS:ARM", "--issues", "xx", "--data-dir", data)
    with pytest.raises(ValueError) as e:
        hegemony.agreement("RUS:ARM", issues=["xx"], data_dir=data)
    assert str(e.value) == expected


def test_a_folder_without_votes_is_file_not_found_with_the_clis_message(cli, tmp_path):
    expected = cli.error("agreement", "--dyads", "RUS:ARM", "--data-dir", tmp_path)
    with pytest.raises(FileNotFoundError) as e:
        hegemony.agreement("RUS:ARM", data_dir=tmp_path)
    assert str(e.value) == expected and "no UN vote data in" in expected


def test_a_missing_folder_is_never_replaced_by_the_compiled_in_data(tmp_path, monkeypatch):
    with pytest.raises(FileNotFoundError, match="no data folder at .*nope"):
        hegemony.agreement("RUS:ARM", data_dir=tmp_path / "nope")
    monkeypatch.setenv("HEGEMONY_DATA", str(tmp_path / "gone"))
    with pytest.raises(FileNotFoundError, match=r"gone \(from HEGEMONY_DATA\)"):
        hegemony.profile("ARM", "RUS")


def test_the_compiled_in_data_is_used_with_a_warning_when_no_folder_is_given(monkeypatch, tmp_path):
    monkeypatch.delenv("HEGEMONY_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # no user data folder
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.warns(hegemony.DefaultDataWarning, match="compiled in"):
        p = hegemony.profile("ARM", "RUS")
    assert p.measures.num_rows > 0


def test_wrong_option_words_name_the_choices():
    with pytest.raises(ValueError, match="^by: 'decade' is not one of session, year, calendar-year$"):
        hegemony.agreement("RUS:ARM", by="decade")
    with pytest.raises(ValueError, match="model: 'bayes' is not one of static, dynamic"):
        hegemony.ideal(model="bayes")
    with pytest.raises(ValueError, match="ends before it starts"):
        hegemony.agreement("RUS:ARM", years=(2019, 1992))
    with pytest.raises(TypeError):
        hegemony.agreement("RUS:ARM", years=True)


def test_evidence_errors_are_lookup_and_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="no evidence store at"):
        hegemony.evidence.candidates(store=tmp_path / "none.sqlite")
    f = tmp_path / "a.txt"
    f.write_text("Russia and Armenia signed an agreement in 2016.")
    hegemony.evidence.ingest([f], store=tmp_path / "e.sqlite")
    with pytest.raises(LookupError, match="no document 99"):
        hegemony.evidence.candidates(99, store=tmp_path / "e.sqlite")


def test_a_file_that_cannot_be_ingested_raises_after_the_others_are_stored(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("Moscow keeps 3,000 troops in Gyumri.")
    bad.write_bytes(b"\x00\x01\x02binary")
    store = tmp_path / "e.sqlite"
    with pytest.raises(ValueError, match="1 of 2 file\\(s\\) could not be ingested:\n.*bad.txt"):
        hegemony.evidence.ingest([good, bad], store=store)
    assert hegemony.evidence.documents(store=store).num_rows == 1
    t = hegemony.evidence.ingest([good, bad], store=store, errors="report")
    assert t.column("outcome").to_pylist() == ["unchanged", "failed"]
    assert os.path.basename(t.column("file")[1].as_py()) == "bad.txt"
