"""A trainer pack: the cover and every single checklist, joined page by page, tags and all.

Laying out one document of every checklist again took 42 s and 6.6 GB at 500
playbooks; the single checklists already exist, so a pack joins their pages
behind a cover laid out on its own. Joining pages alone would drop what makes
the PDFs accessible and archivable (a page copy does not carry the structure
tree a screen reader follows), so this module joins the structure trees too:

- the cover is the base: its catalog (language, XMP metadata with the PDF/A-2a
  and PDF/UA-1 identification, output intent, display-title preference) is the
  pack's, since the cover was laid out with the pack's title and language;
- each checklist's structure elements move under the pack's Document element,
  wrapped in one Part per checklist, and its parent-tree keys (which tie page
  content and link annotations to their elements) are shifted past the keys
  already used, so every key stays unique;
- the XMP page count and instance id describe the pack; the file id is a hash
  of the pack's bytes, so the same checklists give the same pack;
- one bookmark for the cover and one per playbook, titled as the playbook.

pikepdf (qpdf) does the copying: pypdf needed 18 s and 670 MB for 500 checklists.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

import pikepdf
from pikepdf import Array, Dictionary, Name


@dataclass(frozen=True)
class Part:
    """One single checklist of the pack: its bookmark's title and its PDF."""

    title: str
    pdf: bytes


def join(cover: bytes, cover_title: str, parts: Iterable[Part], out: BinaryIO) -> None:
    """Write the pack's PDF to out: the cover's pages, then each part's pages, in order.

    Parts are taken one at a time (a generator keeps only one in memory), and the
    pack is written as it is serialized, never held whole in memory.
    """
    content = hashlib.sha256(cover)
    with pikepdf.open(io.BytesIO(cover)) as pack:
        tree = _Tree(pack)
        marks = [(cover_title, 0)]
        for part in parts:
            content.update(part.pdf)
            marks.append((part.title, len(pack.pages)))
            with pikepdf.open(io.BytesIO(part.pdf)) as source:
                _append(pack, source, tree)
        tree.save()
        with pack.open_outline() as outline:
            outline.root.clear()
            outline.root.extend(pikepdf.OutlineItem(title, page) for title, page in marks)
        _describe(pack, base64.b64encode(content.digest()[:16]).decode())
        pack.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def _append(pack: pikepdf.Pdf, source: pikepdf.Pdf, tree: _Tree) -> None:
    """Copy source's pages and structure elements into pack; source may be closed afterwards."""
    first, offset = len(pack.pages), tree.next_key
    for page in source.pages:
        pack.pages.append(page)
        _shift_keys(pack.pages[-1].obj, offset)
    tree.add_part(source, offset)
    seen: set[tuple[int, int]] = set()
    for page in pack.pages[first:]:
        _own_streams(page.obj, seen)


class _Tree:
    """The pack's structure tree: the cover's, with each part's elements added under its Document."""

    def __init__(self, pack: pikepdf.Pdf) -> None:
        self.pack = pack
        self.root = pack.Root.StructTreeRoot
        self.document = _single(self.root.K)
        self.kids = Array(_kids(self.document))
        self.document.K = self.kids
        self.nums = dict(_number_tree(self.root.ParentTree))
        self.next_key = int(self.root.ParentTreeNextKey)
        self.roles = self.root.get("/RoleMap", Dictionary())

    def add_part(self, source: pikepdf.Pdf, offset: int) -> None:
        tree = source.Root.StructTreeRoot
        document = _single(tree.K)
        # Copied without their parent entries, which would drag the source's
        # whole tree (and, through its root, everything) along; set again below.
        _drop_parents(document)
        part = self.pack.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Part, P=self.document))
        part.K = Array([self.pack.copy_foreign(kid) for kid in _kids(document)])
        _set_parents(part)
        self.kids.append(part)
        for key, value in _number_tree(tree.ParentTree):
            self.nums[key + offset] = self.pack.copy_foreign(value) if value.is_indirect else value
        self.next_key = offset + int(tree.ParentTreeNextKey)
        for role, standard in tree.get("/RoleMap", Dictionary()).items():
            if role not in self.roles:
                self.roles[role] = standard

    def save(self) -> None:
        nums = Array()
        for key in sorted(self.nums):
            nums.extend([key, self.nums[key]])
        self.root.ParentTree = self.pack.make_indirect(Dictionary(Nums=nums))
        self.root.ParentTreeNextKey = self.next_key
        if len(self.roles):
            self.root.RoleMap = self.roles


def _shift_keys(page: pikepdf.Dictionary, offset: int) -> None:
    """Shift the copied page's and its annotations' parent-tree keys by offset."""
    if "/StructParents" in page:
        page.StructParents = int(page.StructParents) + offset
    for annot in page.get("/Annots", []):
        if "/StructParent" in annot:
            annot.StructParent = int(annot.StructParent) + offset


def _own_streams(obj: object, seen: set[tuple[int, int]]) -> None:
    """Give each stream reachable from obj its bytes now: a copied stream reads its source until then."""
    if not isinstance(obj, pikepdf.Object):
        return
    if obj.is_indirect:
        if obj.objgen in seen:
            return
        seen.add(obj.objgen)
    if isinstance(obj, pikepdf.Stream):
        obj.write(obj.read_raw_bytes(), filter=obj.get("/Filter"), decode_parms=obj.get("/DecodeParms"))
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        for key, value in obj.items():
            if key != "/Parent":
                _own_streams(value, seen)
    elif isinstance(obj, Array):
        for value in obj:
            _own_streams(value, seen)


def _is_element(obj: object) -> bool:
    return isinstance(obj, Dictionary) and "/S" in obj  # not a marked-content or object reference


def _drop_parents(element: Dictionary) -> None:
    for kid in _kids(element):
        if _is_element(kid):
            if "/P" in kid:
                del kid["/P"]
            _drop_parents(kid)


def _set_parents(element: Dictionary) -> None:
    for kid in _kids(element):
        if _is_element(kid):
            kid.P = element
            _set_parents(kid)


def _describe(pack: pikepdf.Pdf, instance: str) -> None:
    """The pack's XMP page count and instance id (derived from its content)."""
    xmp = pack.Root.Metadata.read_bytes().decode("utf-8")
    xmp = re.sub(r"<xmpTPg:NPages>\d+</xmpTPg:NPages>", f"<xmpTPg:NPages>{len(pack.pages)}</xmpTPg:NPages>", xmp)
    xmp, found = re.subn(
        r"<xmpMM:InstanceID>[^<]*</xmpMM:InstanceID>", f"<xmpMM:InstanceID>{instance}</xmpMM:InstanceID>", xmp
    )
    if not found:
        raise ValueError("the cover's XMP metadata has no instance id")
    pack.Root.Metadata.write(xmp.encode("utf-8"))  # PDF/A: the metadata stream is never compressed


def _single(node: pikepdf.Object) -> Dictionary:
    """The one element of a /K that holds a single element (Typst's Document)."""
    if isinstance(node, Array):
        if len(node) != 1:
            raise ValueError(f"expected one Document element at the root of the structure tree, found {len(node)}")
        node = node[0]
    return node


def _kids(element: Dictionary) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _number_tree(node: Dictionary) -> Iterator[tuple[int, pikepdf.Object]]:
    """Every (key, value) of a PDF number tree, leaves in order."""
    nums = node.get("/Nums", Array())
    for i in range(0, len(nums), 2):
        yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids", Array()):
        yield from _number_tree(kid)
