"""lockctx: find locking bugs that depend on execution context in Linux kernel C."""

__version__ = "0.1.0"
