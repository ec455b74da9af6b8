#!/usr/bin/env python3
"""Where a running corridord's resident memory is: every mapping's RSS, then
the executable's resident pages by ELF section, its resident .text by the
Swift module (or C library) of the functions in each page, and the runs of
resident .text pages. Reads /proc/PID/smaps and /proc/PID/pagemap (root, or the
process's own user with CAP_SYS_ADMIN, sees the page frames; the present bit is
all this needs).

    Benchmarks/profiling/rss-map.py PID [--runs N]

docs/PERFORMANCE.md ("Idle RSS") shows its output and what was learnt from it.
"""
import argparse
import bisect
import collections
import os
import re
import struct
import subprocess

PAGE = os.sysconf("SC_PAGE_SIZE")


def mappings_rss(pid):
    """RSS and anonymous KiB per mapped file (or [heap], [stack], anonymous)."""
    rss, anon = collections.Counter(), collections.Counter()
    name = None
    for line in open(f"/proc/{pid}/smaps"):
        fields = line.split()
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            name = os.path.basename(fields[5]) if len(fields) >= 6 else "anonymous"
        elif fields[0] == "Rss:":
            rss[name] += int(fields[1])
        elif fields[0] == "Anonymous:":
            anon[name] += int(fields[1])
    return rss, anon


def resident_file_offsets(pid, exe):
    """File offsets of the executable's pages that are resident."""
    pagemap = open(f"/proc/{pid}/pagemap", "rb")
    resident = set()
    for line in open(f"/proc/{pid}/maps"):
        parts = line.split()
        if len(parts) < 6 or os.path.realpath(parts[5]) != exe:
            continue
        low, high = (int(x, 16) for x in parts[0].split("-"))
        offset = int(parts[2], 16)
        pagemap.seek(low // PAGE * 8)
        entries = pagemap.read((high - low) // PAGE * 8)
        for index in range((high - low) // PAGE):
            if struct.unpack_from("<Q", entries, index * 8)[0] >> 63 & 1:
                resident.add(offset + index * PAGE)
    return resident


def sections(exe):
    """(file offset, end, name, address) of every section with bytes in the file."""
    found = []
    table = subprocess.run(["readelf", "-S", "-W", exe], capture_output=True, text=True, check=True).stdout
    for m in re.finditer(r"\]\s+(\S+)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)", table):
        name, kind = m.group(1), m.group(2)
        address, offset, size = (int(m.group(i), 16) for i in (3, 4, 5))
        if kind != "NOBITS" and size > 0:
            found.append((offset, offset + size, name, address))
    return found


def owner(symbol):
    """The Swift module a mangled symbol belongs to, or a guess for C and C++."""
    m = re.match(r"\$s(\d+)", symbol)
    if m:
        start = len(m.group(0))
        return symbol[start:start + int(m.group(1))]
    for prefix, library in (("_ZN5swift", "Swift runtime (C++)"), ("swift_", "Swift runtime (C++)"),
                            ("CCryptoBoringSSL", "BoringSSL (swift-crypto)"), ("_ZN4bssl13CNIOBoringSSL", "BoringSSL (swift-nio-ssl)"),
                            ("CNIOBoringSSL", "BoringSSL (swift-nio-ssl)"), ("CF", "CoreFoundation"), ("__CF", "CoreFoundation"),
                            ("_dispatch", "libdispatch"), ("dispatch_", "libdispatch"), ("corridor__v1", "CCorridorProto (protobuf-c)"),
                            ("_ZN4toml", "toml++ (TOMLKit)"), ("icu_", "ICU"), ("u_", "ICU"), ("ucol_", "ICU")):
        if symbol.startswith(prefix):
            return library
    return "other C/C++"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pid", type=int)
    parser.add_argument("--runs", type=int, default=15, help="runs of resident .text pages to list")
    args = parser.parse_args()
    exe = os.path.realpath(f"/proc/{args.pid}/exe")

    rss, anon = mappings_rss(args.pid)
    total = sum(rss.values())
    print(f"{exe}: VmRSS {total / 1024:.1f} MiB, of it anonymous {sum(anon.values()) / 1024:.1f} MiB\n")
    print(f"{'mapping':44} {'RSS KiB':>8} {'anonymous':>10}")
    for name, kib in rss.most_common():
        if kib:
            print(f"{name[:44]:44} {kib:8} {anon[name]:10}")

    resident = resident_file_offsets(args.pid, exe)
    found = sections(exe)
    by_section = collections.Counter()
    for page in resident:
        for start, end, name, _ in found:
            if start < page + PAGE and page < end:
                by_section[name] += 1
    print(f"\n{'section of ' + os.path.basename(exe):44} {'RSS KiB':>8} {'size KiB':>10}")
    sizes = {name: end - start for start, end, name, _ in found}
    for name, pages in by_section.most_common(20):
        print(f"{name:44} {pages * PAGE // 1024:8} {sizes[name] // 1024:10}")

    text = next((s for s in found if s[2] == ".text"), None)
    if text is None:
        return
    symbols = []
    listing = subprocess.run(["nm", "-n", "--defined-only", exe], capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[0] and parts[1] in "tTwW":
            symbols.append((int(parts[0], 16), parts[2]))
    addresses = [a for a, _ in symbols]
    text_pages = sorted(p for p in resident if text[0] <= p < text[1])
    by_owner = collections.Counter()
    for page in text_pages:
        address = text[3] + (page - text[0])
        owners = collections.Counter()
        index = max(bisect.bisect_right(addresses, address) - 1, 0)
        while index < len(symbols) and symbols[index][0] < address + PAGE:
            owners[owner(symbols[index][1])] += 1
            index += 1
        by_owner[owners.most_common(1)[0][0] if owners else "?"] += 1
    print(f"\n{'resident .text by the owner of most functions in each page':60} {'KiB':>6}")
    for name, pages in by_owner.most_common(25):
        print(f"{name[:60]:60} {pages * PAGE // 1024:6}")

    runs, start, previous = [], None, None
    for page in text_pages:
        if previous is not None and page == previous + PAGE:
            previous = page
            continue
        if start is not None:
            runs.append((start, previous))
        start = previous = page
    if start is not None:
        runs.append((start, previous))
    print(f"\n{len(text_pages)} resident .text pages ({len(text_pages) * PAGE // 1024} KiB of {(text[1] - text[0]) // 1024}) in {len(runs)} runs; the largest:")
    for first, last in sorted(runs, key=lambda r: r[0] - r[1])[:args.runs]:
        address = text[3] + (first - text[0])
        index = max(bisect.bisect_right(addresses, address) - 1, 0)
        print(f"  at {(first - text[0]) // 1024:6} KiB: {(last - first) // PAGE + 1:4} pages, from {symbols[index][1][:80]}")


if __name__ == "__main__":
    main()
