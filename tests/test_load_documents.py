"""The load_documents command: the seeds load, reloads are idempotent, edits update in place,
and every bad input gives one clear line, a non-zero exit and an unchanged database."""

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from actors.models import Actor, ActorAlias
from dialogues.models import Dialogue, Document, PriorityIssue
from recommendations.models import Indicator, Recommendation, Responsibility, Status, StatusUpdate
from recommendations.services import record_status_update

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "documents"

pytestmark = pytest.mark.django_db


def load(*paths, **options) -> str:
    out = StringIO()
    call_command("load_documents", *[str(p) for p in paths], stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict:
    """Every row the loader writes, in comparable form."""
    return {
        "dialogues": sorted(Dialogue.objects.values_list("slug", "title", "published")),
        "documents": sorted(Document.objects.values_list("source_name", "checksum")),
        "issues": sorted(PriorityIssue.objects.values_list("dialogue_id", "theme_id", "number", "text")),
        "recommendations": sorted(Recommendation.objects.values_list(
            "pk", "key", "text", "section", "line_start", "line_end", "theme_id", "priority_issue_id",
            "current_status")),
        "responsibilities": sorted(Responsibility.objects.values_list("recommendation_id", "actor_id", "role")),
        "actors": sorted(Actor.objects.values_list("name", "kind", "needs_review")),
        "aliases": sorted(ActorAlias.objects.values_list("normalised", "actor_id")),
        "indicators": sorted(Indicator.objects.values_list("name", "reported_group")),
        "status_updates": sorted(StatusUpdate.objects.values_list("pk", "status", "as_of")),
    }


def copy_seed(tmp_path: Path, name: str | None = None) -> Path:
    """Copy one seed report and its sidecar into tmp_path; return the report's path."""
    source = sorted(SEEDS.glob("*.txt"))[0]
    target = tmp_path / (name or source.name)
    shutil.copy(source, target)
    shutil.copy(source.with_suffix(".toml"), target.with_suffix(".toml"))
    return target


@pytest.fixture
def loaded_seeds():
    load(SEEDS)
    return snapshot()


def test_every_seed_document_loads(loaded_seeds):
    assert Document.objects.count() == len(list(SEEDS.glob("*.txt"))) == 5
    assert Recommendation.objects.count() > 100
    for document in Document.objects.all():
        assert document.text.splitlines(), document.source_name


def test_every_recommendation_has_its_place_in_the_source(loaded_seeds):
    for rec in Recommendation.objects.select_related("document"):
        lines = rec.document.lines(rec.line_start, rec.line_end)
        assert lines, rec.key
        first_words = " ".join(rec.text.split()[:3])
        assert first_words.split()[0].strip("\"'“(") in " ".join(lines), (rec.key, rec.text[:60])


def test_loading_the_same_files_again_changes_nothing(loaded_seeds):
    out = load(SEEDS)
    assert snapshot() == loaded_seeds
    assert "5 unchanged" in out


def test_normal_verbosity_prints_counts_per_document(tmp_path):
    out = load(SEEDS)
    for path in SEEDS.glob("*.txt"):
        assert any(line.startswith(f"{path.name}: new:") and "recommendations" in line
                   for line in out.splitlines()), path.name


def test_dry_run_reports_without_writing():
    out = load(SEEDS, dry_run=True)
    assert "Dry run: nothing written" in out
    assert Document.objects.count() == 0 and Recommendation.objects.count() == 0 and Actor.objects.count() == 0


def test_json_format_prints_the_parsed_records_without_writing(capsys):
    out = load(SEEDS, format="json")
    data = json.loads(out)
    assert len(data["documents"]) == 5
    rec = data["documents"][0]["recommendations"][0]
    assert {"text", "theme", "issue_number", "section", "actors", "countries", "line_span"} <= set(rec)
    assert data["actors"]
    assert Recommendation.objects.count() == 0


def test_an_edited_document_updates_in_place_and_keeps_status_history(tmp_path, django_user_model):
    path = copy_seed(tmp_path)
    load(path)
    rec = Recommendation.objects.order_by("line_start").filter(is_summary=False).first()
    staff = django_user_model.objects.create_user("secretariat", is_staff=True)
    record_status_update(recommendation=rec, status=Status.IN_PROGRESS, as_of=date(2024, 3, 1),
                         narrative="Curriculum review begun.", recorded_by=staff)
    old_text = rec.text
    new_text = old_text.replace(" should ", " should urgently ", 1)
    assert new_text != old_text
    path.write_text(path.read_text(encoding="utf-8").replace(old_text, new_text, 1), encoding="utf-8")

    out = load(path)

    rec.refresh_from_db()
    assert rec.text == new_text
    assert rec.current_status == Status.IN_PROGRESS
    assert rec.status_updates.get().narrative == "Curriculum review begun."
    assert ": updated:" in out and "1 changed" in out


def test_a_removed_recommendation_with_history_is_kept(tmp_path, django_user_model):
    path = copy_seed(tmp_path)
    load(path)
    rec = Recommendation.objects.filter(is_summary=False).order_by("-line_start").first()
    record_status_update(recommendation=rec, status=Status.IMPLEMENTED, as_of=date(2024, 5, 1),
                         recorded_by=django_user_model.objects.create_user("s", is_staff=True))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[rec.line_start - 1 : rec.line_end]
    path.write_text("".join(lines), encoding="utf-8")

    out = load(path)

    assert Recommendation.objects.filter(pk=rec.pk).exists()
    assert StatusUpdate.objects.filter(recommendation=rec).count() == 1
    assert "1 kept for their status history" in out


def test_a_renamed_file_loads_like_any_other(tmp_path):
    path = copy_seed(tmp_path, name="any-report-name.txt")
    out = load(path)
    assert "any-report-name.txt: new:" in out
    assert Recommendation.objects.count() > 10


def test_unknown_names_become_actors_marked_for_review(tmp_path):
    path = copy_seed(tmp_path)
    with path.open("a", encoding="utf-8") as f:
        f.write("\nPRIORITY ISSUES AND POLICY RECOMMENDATIONS:\n\n"
                "- 1. Rural clinics lack trained midwives.\n"
                " - The Zorblatt Midwifery Council should train midwives for rural clinics.\n")
    load(path)
    actor = Actor.objects.get(name__icontains="Zorblatt")
    assert actor.needs_review
    assert actor.responsibilities.exists()


# --- Bad input: one clear line naming the file, non-zero exit, unchanged database ---------------

def assert_refused(paths, expected: str, **options):
    before = snapshot()
    with pytest.raises(CommandError) as excinfo:
        load(*paths, **options)
    message = str(excinfo.value)
    assert "\n" not in message
    assert expected in message
    assert snapshot() == before
    return message


def test_refuses_a_path_that_does_not_exist(loaded_seeds, tmp_path):
    missing = tmp_path / "no-such-report.txt"
    message = assert_refused([SEEDS, missing], "no-such-report.txt")
    assert "does not exist" in message


def test_refuses_an_empty_file(loaded_seeds, tmp_path):
    path = copy_seed(tmp_path)
    path.write_text("", encoding="utf-8")
    assert_refused([path], path.name)


def test_refuses_a_binary_file(loaded_seeds, tmp_path):
    path = copy_seed(tmp_path)
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert_refused([path], path.name)


def test_refuses_a_file_that_is_not_utf8(loaded_seeds, tmp_path):
    path = copy_seed(tmp_path)
    path.write_bytes("Recommandations: le minist\u00e8re devrait agir.\n".encode("latin-1") * 20)
    message = assert_refused([path], path.name)
    assert "UTF-8" in message


def test_refuses_a_missing_sidecar(loaded_seeds, tmp_path):
    path = copy_seed(tmp_path)
    path.with_suffix(".toml").unlink()
    message = assert_refused([path], path.with_suffix(".toml").name)
    assert "sidecar" in message.lower()


def test_refuses_a_malformed_sidecar(loaded_seeds, tmp_path):
    path = copy_seed(tmp_path)
    path.with_suffix(".toml").write_text('title = "Unclosed\nkind = "policy dialogue"\n', encoding="utf-8")
    assert_refused([path], path.with_suffix(".toml").name)


def test_refuses_a_sidecar_with_an_impossible_date(loaded_seeds, tmp_path):
    path = copy_seed(tmp_path)
    sidecar = path.with_suffix(".toml")
    text = sidecar.read_text(encoding="utf-8")
    lines = [("start_date = 2022-02-30" if line.startswith("start_date") else line) for line in text.splitlines()]
    sidecar.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = assert_refused([path], sidecar.name)
    assert "date" in message.lower()


def test_refuses_a_document_without_recommendations(loaded_seeds, tmp_path):
    path = copy_seed(tmp_path, name="minutes.txt")
    path.write_text("MINUTES\n\nThe meeting opened at nine and closed at noon.\n", encoding="utf-8")
    message = assert_refused([path], "minutes.txt")
    assert "--allow-empty" in message


def test_allow_empty_loads_a_document_without_recommendations(tmp_path):
    path = copy_seed(tmp_path, name="minutes.txt")
    path.write_text("MINUTES\n\nThe meeting opened at nine and closed at noon.\n", encoding="utf-8")
    load(path, allow_empty=True)
    assert Document.objects.filter(source_name="minutes.txt").exists()


def test_bad_input_exits_non_zero_with_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "load_documents", str(tmp_path / "absent.txt")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "absent.txt" in result.stderr and "Traceback" not in result.stderr
