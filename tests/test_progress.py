"""The progress line's ETA on a cold run, where the biggest files are parsed first."""
import io

from lockctx.progress import FILE_COST, PlainProgress, Remaining


def files(tmp_path, sizes):
    out = []
    for i, n in enumerate(sizes):
        p = tmp_path / f"f{i}.c"
        p.write_bytes(b"x" * n)
        out.append(p)
    return out


def test_eta_weighs_files_by_size(tmp_path):
    big, *small = files(tmp_path, [280_000, 1_000, 1_000, 1_000, 1_000])
    r = Remaining()
    r.parsing([big, *small])
    r.since -= 10.0                       # the big file took ten seconds
    r.parsed(big)
    eta = r.eta(r.since + 10.0)
    # four small files cost a fifth of a big one each, not as much: files/s would say 40 s
    expected = 10.0 * 4 * (1_000 + FILE_COST) / (280_000 + FILE_COST)
    assert abs(eta - expected) < 0.01, eta
    for p in small:
        r.parsed(p)
    assert r.eta(r.since + 20.0) == 0


def test_plain_line_uses_the_weighted_eta(tmp_path):
    big, *small = files(tmp_path, [280_000, 1_000, 1_000, 1_000, 1_000])
    out = io.StringIO()
    p = PlainProgress(every=0, stream=out)
    p.parsing([big, *small])
    p.remaining.since -= 10.0
    p.start -= 10.0
    p(1, 5, big, False)
    eta = int(out.getvalue().rsplit("ETA ", 1)[1].split()[0])
    assert 5 <= eta <= 10, out.getvalue()     # about 7.6 s; files/s alone says 40 s


def test_cached_files_do_not_count_as_parsed(tmp_path):
    a, b = files(tmp_path, [10_000, 10_000])
    r = Remaining()
    r.parsing([a])          # b came from the cache: it is not to be parsed
    assert r.eta(0.0) is None                 # nothing parsed yet: no estimate
    p = PlainProgress(every=0, stream=io.StringIO())
    p.parsing([a])
    p(1, 2, b, True)
    assert p.remaining.done == 0
