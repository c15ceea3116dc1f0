"""Examples for the contributors' writing guide (docs/writing-guide.md)."""
