"""Services: one async function per use case; each opens a unit of work and commits it."""
