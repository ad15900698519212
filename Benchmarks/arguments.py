"""Command-line options of the benchmark scripts (no dependency beyond Python's standard library)."""


def take_option(args, name, default=None):
    """The value after `name` in `args`, both removed from `args`; `default` when it is absent."""
    if name not in args:
        return default
    at = args.index(name)
    if at + 1 >= len(args):
        raise SystemExit(f"{name} needs a value")
    value = args[at + 1]
    del args[at:at + 2]
    return value


def take_flag(args, name):
    """Whether `name` is in `args`, removed from it."""
    if name not in args:
        return False
    args.remove(name)
    return True
