"""Fix: the edits a finding's or a sentence's fix makes, and writing them safely."""
