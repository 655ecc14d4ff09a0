"""parathed: readiness analyses for Barnets lov."""
