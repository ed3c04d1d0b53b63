"""The read API's errors: every one answers JSON of one shape, ``{"detail": ..., "errors": {...}}``."""

from ninja.errors import HttpError


class ParameterError(HttpError):
    """Bad query input: 400, with the messages for each parameter."""

    def __init__(self, detail: str, errors: dict[str, list[str]]):
        super().__init__(400, detail)
        self.errors = errors


def refuse_unknown(request, *schemas) -> None:
    """Raise ParameterError naming the query parameters none of ``schemas`` declares.

    A misspelt filter must not quietly give the unfiltered list.
    """
    known = {name for schema in schemas for name in schema.model_fields}
    unknown = sorted(set(request.GET) - known)
    if unknown:
        takes = f"This endpoint takes {', '.join(sorted(known)) or 'no parameters'}."
        plural = "s" if len(unknown) > 1 else ""
        raise ParameterError(f"Unknown parameter{plural}: {', '.join(unknown)}. {takes}",
                             {name: [f"Unknown parameter. {takes}"] for name in unknown})


def filter_errors(form) -> ParameterError:
    """The FilterSet form's errors as one ParameterError."""
    errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
    first = next(iter(errors))
    return ParameterError(f"Invalid {first}: {errors[first][0]}", errors)


def validation_errors(exc) -> ParameterError:
    """ninja's validation errors (a parameter of the wrong type or out of bounds) as one ParameterError."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        name = ".".join(str(part) for part in error["loc"][1:]) or str(error["loc"][0])
        errors.setdefault(name, []).append(f"{error['msg']}.")
    first = next(iter(errors), "parameters")
    return ParameterError(f"Invalid {first}: {errors.get(first, ['bad input.'])[0]}", errors)
