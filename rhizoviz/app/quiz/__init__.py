"""Quiz mode: the quiz dock, its answers and the progress chart."""
