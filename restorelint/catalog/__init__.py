"""Catalog: every data file restorelint reads (rules, context, rewrite and checklist
data, team rule folders), each checked against its own schema."""
