"""Settings and suppressions: configuration files and command-line overrides, the
team rules and deny list they bring, inline suppressions, and baselines. Each
acts on findings after the context filters: findings in, findings out."""
