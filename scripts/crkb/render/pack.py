"""A trainer pack: the cover and every single checklist, joined page by page, tags and all.

Laying out one document of every checklist again took 42 s and 6.6 GB at 500
playbooks; the single checklists already exist, so a pack joins their pages
(pypdf) behind a cover laid out on its own. Joining pages alone would drop what
makes the PDFs accessible and archivable (pypdf copies pages, not the structure
tree a screen reader follows), so this module also joins the structure trees:

- the cover is the base: its catalog (language, XMP metadata with the PDF/A-2a
  and PDF/UA-1 identification, output intent, display-title preference) is the
  pack's, since the cover was laid out with the pack's title and language;
- each checklist's structure elements move under the pack's Document element,
  wrapped in one Part per checklist, and its parent-tree keys (which tie page
  content and link annotations to their elements) are shifted past the keys
  already used, so every key stays unique;
- the XMP page count and instance id, and the trailer's file id, describe the
  pack, derived from its content so the same checklists give the same bytes;
- one bookmark for the cover and one per playbook, titled as the playbook.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
)


@dataclass(frozen=True)
class Part:
    """One single checklist of the pack: its bookmark's title and its PDF."""

    title: str
    pdf: bytes


def join(cover: bytes, cover_title: str, parts: list[Part]) -> bytes:
    """The pack's PDF: the cover's pages, then each part's pages, in order."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(cover)))
    tree = _Tree(writer)
    writer.root_object.pop(NameObject("/Outlines"), None)  # the cover's own; the pack gets its own below
    writer.add_outline_item(title=cover_title, page_number=0)
    for part in parts:
        reader = PdfReader(io.BytesIO(part.pdf))
        first = len(writer.pages)
        offset = tree.next_key
        for page in reader.pages:
            _shift_keys(writer.add_page(page), page, offset)
        tree.add_part(reader, offset)
        writer.add_outline_item(title=part.title, page_number=first)
    tree.save()
    _describe(writer, [cover, *(part.pdf for part in parts)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class _Tree:
    """The pack's structure tree: the cover's, with each part's elements added under its Document."""

    def __init__(self, writer: PdfWriter) -> None:
        self.writer = writer
        self.root = writer.root_object["/StructTreeRoot"].get_object()
        self.document = _single(self.root["/K"])
        self.kids = _as_array(self.document, "/K")
        self.nums = dict(_number_tree(self.root["/ParentTree"]))
        self.next_key = int(self.root["/ParentTreeNextKey"])
        self.roles = self.root.get("/RoleMap", DictionaryObject()).get_object()

    def add_part(self, reader: PdfReader, offset: int) -> None:
        source = reader.root_object["/StructTreeRoot"].get_object()
        part = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Part"),
                NameObject("/P"): self.document.indirect_reference,
            }
        )
        part_ref = self.writer._add_object(part)
        # Cloned without their /P: the parent is set here, so no copy of the
        # source's tree root (and, through it, every object) rides along.
        kids = ArrayObject(kid.clone(self.writer, ignore_fields=["/P"]) for kid in _single(source["/K"])["/K"])
        for kid in kids:
            _set_parents(kid, part_ref)
        part[NameObject("/K")] = kids
        self.kids.append(part_ref)
        for key, value in _number_tree(source["/ParentTree"]):
            self.nums[key + offset] = value.clone(self.writer)
        self.next_key = offset + int(source["/ParentTreeNextKey"])
        for role, standard in source.get("/RoleMap", DictionaryObject()).items():
            self.roles.setdefault(NameObject(role), standard)

    def save(self) -> None:
        nums = ArrayObject()
        for key in sorted(self.nums):
            nums += [NumberObject(key), self.nums[key]]
        parent_tree = DictionaryObject({NameObject("/Nums"): nums})
        self.root[NameObject("/ParentTree")] = self.writer._add_object(parent_tree)
        self.root[NameObject("/ParentTreeNextKey")] = NumberObject(self.next_key)
        if self.roles:
            self.root[NameObject("/RoleMap")] = self.roles


def _shift_keys(page: PdfObject, source: PdfObject, offset: int) -> None:
    """Give the copied page and its annotations their parent-tree keys, shifted by offset."""
    page = page.get_object()
    if "/StructParents" in source:
        page[NameObject("/StructParents")] = NumberObject(int(source["/StructParents"]) + offset)
    for annot in page.get("/Annots", []):
        annot = annot.get_object()
        if "/StructParent" in annot:
            annot[NameObject("/StructParent")] = NumberObject(int(annot["/StructParent"]) + offset)


def _set_parents(element: PdfObject, parent: PdfObject) -> None:
    """Point the structure element behind the reference `element`, and every element below it, at its parent."""
    node = element.get_object()
    if not isinstance(node, DictionaryObject) or "/S" not in node:
        return  # a marked-content or object reference: it has no parent entry
    node[NameObject("/P")] = parent
    kids = node.get("/K")
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        if isinstance(kid, IndirectObject):
            _set_parents(kid, element)


def _describe(writer: PdfWriter, pdfs: list[bytes]) -> None:
    """The pack's XMP page count and instance id, and its file id: derived from its content."""
    instance = base64.b64encode(hashlib.sha256(b"".join(pdfs)).digest()[:16])
    metadata = writer.root_object["/Metadata"].get_object()
    xmp = metadata.get_data().decode("utf-8")
    xmp = re.sub(r"<xmpTPg:NPages>\d+</xmpTPg:NPages>", f"<xmpTPg:NPages>{len(writer.pages)}</xmpTPg:NPages>", xmp)
    xmp, found = re.subn(
        r"<xmpMM:InstanceID>[^<]*</xmpMM:InstanceID>", f"<xmpMM:InstanceID>{instance.decode()}</xmpMM:InstanceID>", xmp
    )
    document = re.search(r"<xmpMM:DocumentID>([^<]*)</xmpMM:DocumentID>", xmp)
    if not found or document is None:
        raise ValueError("the cover's XMP metadata has no document and instance id")
    metadata.set_data(xmp.encode("utf-8"))  # PDF/A: the metadata stream is never compressed
    writer._ID = ArrayObject([ByteStringObject(document.group(1).encode()), ByteStringObject(instance)])


def _single(node: PdfObject) -> DictionaryObject:
    """The one element of a /K that holds a single element (Typst's Document)."""
    node = node.get_object()
    if isinstance(node, ArrayObject):
        if len(node) != 1:
            raise ValueError(f"expected one Document element at the root of the structure tree, found {len(node)}")
        node = node[0].get_object()
    return node


def _as_array(element: DictionaryObject, key: str) -> ArrayObject:
    value = element.get(key)
    if value is None:
        value = ArrayObject()
    elif not isinstance(value.get_object(), ArrayObject):
        value = ArrayObject([value])
    else:
        value = value.get_object()
    element[NameObject(key)] = value
    return value


def _number_tree(node: PdfObject) -> Iterator[tuple[int, PdfObject]]:
    """Every (key, value) of a PDF number tree, leaves in order."""
    node = node.get_object()
    nums = node.get("/Nums", [])
    for i in range(0, len(nums), 2):
        yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids", []):
        yield from _number_tree(kid)
