"""Validates SARIF files against a JSON schema (the OASIS SARIF 2.1.0 schema).

Usage: python validate-sarif-schema.py SCHEMA.json FILE.sarif...
Prints each violation with its JSON path; exits 1 if any file is invalid.
The validator class follows the schema's own `$schema` (draft-07 for the OASIS file),
and formats are checked too.
"""

import json
import sys

from jsonschema.validators import validator_for


def main(schema_path, paths):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    failed = False
    for path in paths:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            where = "/".join(map(str, error.absolute_path))
            print(f"{path}: /{where}: {error.message[:300]}")
        status = "OK" if not errors else f"{len(errors)} error(s)"
        print(f"{path}: schema {status} ({cls.__name__})")
        failed |= bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
