"""The pages of customer files: a customer's Files tab, one file, all files, naming rules."""
