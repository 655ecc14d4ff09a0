"""Client for the StatBank API of Statistics Denmark, with cache and snapshot (#6)."""
