#!/usr/bin/env python3
"""Writes the protobuf field tables (core-v1-types.json) the decoder in io.kapi.server.protobuf reads.

Derived from the struct tags of the upstream Go types; run it against checkouts of kubernetes/api and
kubernetes/apimachinery (no upstream source is kept in this repository):

  proto_field_tables.py <kubernetes/api dir> <kubernetes/apimachinery dir> <api commit> <apimachinery commit> > out.json

Each Go struct with protobuf tags becomes a message: a list of fields
[number, jsonName, kind, flags] where kind is string|bytes|bool|int32|int64|double|message:<T>|
map:<K>,<V> (V may itself be message:<T>) and flags is a string of letters: r repeated, p pointer,
o omitempty, z omitzero, i inline (json:",inline": the message's fields merge into the parent object).
Special apimachinery types (Time, MicroTime, Duration, FieldsV1, Quantity, IntOrString,
RawExtension) are referenced by name and decoded by hand-written code.
"""
import json
import re
import sys

SPECIAL = {
    "metav1.Time": "Time", "Time": "Time",
    "metav1.MicroTime": "MicroTime", "MicroTime": "MicroTime",
    "metav1.Duration": "Duration", "Duration": "Duration",
    "metav1.FieldsV1": "FieldsV1", "FieldsV1": "FieldsV1",
    "resource.Quantity": "Quantity",
    "intstr.IntOrString": "IntOrString",
    "runtime.RawExtension": "RawExtension",
}
SCALARS = {"string": "string", "bool": "bool", "int32": "int32", "int64": "int64", "int": "int64",
           "float64": "double", "types.UID": "string", "[]byte": "bytes"}

STRUCT_RE = re.compile(r"^type (\w+) struct \{\s*$")
NAMED_RE = re.compile(r"^type (\w+) (\S.*?)\s*(//.*)?$")
FIELD_RE = re.compile(r"^\s*(?:(\w+)\s+)?([\w.\[\]*]+)\s+`([^`]*)`")
TAG_RE = re.compile(r'(\w+):"([^"]*)"')


def parse(path, prefix):
    structs, named = {}, {}
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        m = STRUCT_RE.match(lines[i])
        if m:
            name, fields, embeds_typemeta = m.group(1), [], False
            i += 1
            while not lines[i].startswith("}"):
                line = lines[i]
                i += 1
                if line.strip().startswith("//") or not line.strip():
                    continue
                f = FIELD_RE.match(line)
                if not f:
                    continue
                go_name, go_type, tag = f.groups()
                tags = dict(TAG_RE.findall(tag))
                if go_type in ("metav1.TypeMeta", "TypeMeta") and go_name is None:
                    embeds_typemeta = True
                if "protobuf" not in tags:
                    continue
                fields.append((go_name, go_type, tags))
            structs[prefix + name] = (fields, embeds_typemeta)
        else:
            m = NAMED_RE.match(lines[i])
            if m and not m.group(2).startswith(("struct", "interface", "func", "(")):
                named[m.group(1)] = m.group(2)
        i += 1
    return structs, named


def main():
    api_dir, mach_dir, api_commit, mach_commit = sys.argv[1:5]
    core, core_named = parse(api_dir + "/core/v1/types.go", "core.v1.")
    meta, meta_named = parse(mach_dir + "/pkg/apis/meta/v1/types.go", "meta.v1.")
    structs = {**core, **meta}

    def resolve(go_type, pkg):
        """Go type expression -> (kind, repeated, pointer)."""
        pointer = go_type.startswith("*")
        t = go_type.lstrip("*")
        if t == "[]byte":
            return "bytes", False, pointer
        if t.startswith("[]"):
            kind, rep, _ = resolve(t[2:], pkg)
            assert not rep, go_type
            return kind, True, pointer
        if t.startswith("map["):
            key, value = re.match(r"map\[([^\]]+)\](.+)", t).groups()
            k, _, _ = resolve(key, pkg)
            v, vrep, _ = resolve(value, pkg)
            assert not vrep and k == "string", go_type
            return "map:%s,%s" % (k, v), False, pointer
        if t in SPECIAL:
            return "message:" + SPECIAL[t], False, pointer
        if t in SCALARS:
            return SCALARS[t], False, pointer
        if t.startswith("metav1."):
            return resolve(t[len("metav1."):], "meta.v1.")
        named = core_named if pkg == "core.v1." else meta_named
        if pkg + t in structs:
            return "message:" + pkg + t, False, pointer
        if t in named:
            # go-to-protobuf wraps named slices (meta/v1 Verbs) in a message of their own
            if named[t].startswith("[]") and named[t] != "[]byte":
                return "unsupported:" + t, False, pointer
            kind, rep, _ = resolve(named[t], pkg)
            return kind, rep, pointer
        raise SystemExit("unknown Go type %s in %s" % (go_type, pkg))

    messages = {}
    for name, (fields, typemeta) in sorted(structs.items()):
        pkg = name[: name.rindex(".") + 1]
        out = []
        for go_name, go_type, tags in fields:
            number = int(tags["protobuf"].split(",")[1])
            json_tag = tags.get("json", "").split(",")
            kind, repeated, pointer = resolve(go_type, pkg)
            # the tag's wire type and "rep" are not always right upstream (e.g. GRPCAction.port says
            # bytes); the Go type decides, as it does for go-to-protobuf's generated.proto
            flags = ("r" if repeated else "") + ("p" if pointer else "")
            flags += "o" if "omitempty" in json_tag[1:] else ""
            flags += "z" if "omitzero" in json_tag[1:] else ""
            inline = go_name is None and json_tag[0] == ""  # an embedded struct without a JSON name
            flags += "i" if inline else ""
            out.append([number, "" if inline else (json_tag[0] or go_name), kind, flags])
        messages[name] = out
    kinds = {"v1/" + n[len("core.v1."):]: n for n, (f, typemeta) in structs.items()
             if typemeta and f and n.startswith("core.v1.")}
    kinds["v1/DeleteOptions"] = "meta.v1.DeleteOptions"
    reachable, todo = set(), list(kinds.values())
    while todo:
        name = todo.pop()
        if name not in reachable:
            reachable.add(name)
            for field in messages[name]:
                assert not field[2].startswith("unsupported:"), (name, field)
                todo.extend(m for m in re.findall(r"message:([\w.]+)", field[2]) if m in messages)
    messages = {n: m for n, m in messages.items() if n in reachable}
    json.dump({
        "source": "field tables derived from the Go struct tags of kubernetes/api core/v1/types.go "
                  "(commit %s) and kubernetes/apimachinery pkg/apis/meta/v1/types.go (commit %s)"
                  % (api_commit, mach_commit),
        "kinds": dict(sorted(kinds.items())),
        "messages": messages,
    }, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


main()
