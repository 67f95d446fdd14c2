/// Relative closeness |a − b| ≤ rel·max(|b|, tiny); exact agreement for 0.
func close(_ a: Double, _ b: Double, rel: Double = 1e-9) -> Bool {
    if a == b { return true }
    return abs(a - b) <= rel * max(abs(b), 1e-300)
}

/// Where reference values come from: /tmp/ref/ref.py, run once with scipy 1.17.1 and statsmodels 0.15.0
/// (`/work/venv/bin/python ref.py`); each test quotes the exact call that produced its numbers.
enum Reference {}
