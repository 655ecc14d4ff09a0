"""The readiness instrument as versioned data: schema, loader, summary and export."""
