"""Storage: typed models, the engine and unit of work, migrations."""
