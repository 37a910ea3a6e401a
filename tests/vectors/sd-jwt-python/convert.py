#!/usr/bin/env python3
"""Converts the sd-jwt-python YAML test cases into JSON the C++ tests read.

`!sd` tags (on object keys or array elements) become `sd_paths`: lists of object keys and array
indexes from the root of `user_claims`, e.g. ["address"], ["nationalities", 1], ["a", 1, "baz"].
Everything else is copied unchanged. Run from this folder:
  python3 convert.py ../../../../shared/testvectors/sd-jwt-python/tests/testcases
"""
import json
import os
import sys

import yaml


class SD:
    def __init__(self, value):
        self.value = value

    def __hash__(self):
        return hash(("sd", self.value))

    def __eq__(self, other):
        return isinstance(other, SD) and other.value == self.value


def construct_sd(loader, node):
    if isinstance(node, yaml.ScalarNode):
        # The !sd tag replaces the scalar's implicit type: resolve it as YAML would untagged, so
        # `!sd 42` stays the integer 42 and `!sd null` stays null (a quoted "foo" stays a string).
        tag = loader.resolve(yaml.ScalarNode, node.value, (node.style is None, False))
        plain = yaml.ScalarNode(tag, node.value, node.start_mark, node.end_mark, node.style)
        return SD(loader.construct_object(plain, deep=True))
    if isinstance(node, yaml.MappingNode):
        return SD(loader.construct_mapping(node, deep=True))
    return SD(loader.construct_sequence(node, deep=True))


class Loader(yaml.SafeLoader):
    pass


Loader.add_constructor("!sd", construct_sd)


def strip(value, path, paths):
    """Returns value without SD wrappers, collecting the paths of SD nodes."""
    if isinstance(value, SD):
        paths.append(path)
        return strip(value.value, path, paths)
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if isinstance(k, SD):
                name = k.value
                paths.append(path + [name])
                out[name] = strip(v, path + [name], paths)
            else:
                out[k] = strip(v, path + [k], paths)
        return out
    if isinstance(value, list):
        return [strip(v, path + [i], paths) for i, v in enumerate(value)]
    return value


def main(src):
    for case in sorted(os.listdir(src)):
        spec = os.path.join(src, case, "specification.yml")
        if not os.path.isfile(spec):
            continue
        with open(spec, encoding="utf-8") as f:
            data = yaml.load(f, Loader=Loader)
        paths = []
        claims = strip(data["user_claims"], [], paths)
        out = {
            "case": case,
            "user_claims": claims,
            "sd_paths": paths,
            "holder_disclosed_claims": data.get("holder_disclosed_claims", {}),
            "expect_verified_user_claims": data["expect_verified_user_claims"],
            "key_binding": bool(data.get("key_binding", False)),
            "serialization_format": data.get("serialization_format", "compact"),
        }
        if "extra_header_parameters" in data:
            out["extra_header_parameters"] = data["extra_header_parameters"]
        if "add_decoy_claims" in data:
            out["add_decoy_claims"] = data["add_decoy_claims"]
        with open(case + ".json", "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1, default=str)
            f.write("\n")
    with open(os.path.join(src, "settings.yml"), encoding="utf-8") as f:
        settings = yaml.safe_load(f)
    with open("settings.json", "w", encoding="utf-8") as f:
        json.dump(settings, f, indent=1, default=str)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
