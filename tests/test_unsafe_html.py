"""The HTML inspector the safety tests rely on: silent on a clean build, loud on every attack.

If it missed an attack, the site tests could not fail; if it flagged the theme's
own markup, they could not pass. Both are proved here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_project import build_site, fill_catalogs, make_project, own_hosts, site_violations
from unsafe_html import violations

OURS = frozenset({"crkb.example"})

ATTACKS = {
    "script element": "<p>hi</p><script>alert(1)</script>",
    "script from elsewhere": '<script src="https://evil.example/x.js"></script>',
    "script outside assets": '<script src="../uploads/x.js"></script>',
    "script ended early in the config": '<script id="__config" type="application/json">{"a": "</script>'
    '<script>alert(1)</script>"}</script>',
    "theme script with a tail": "<script>var target=document.getElementById(location.hash.slice(1));"
    'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"));alert(1)</script>',
    "event handler": '<img src="x.png" onerror="alert(1)">',
    "broken-out attribute": '<meta name="description" content="Help" onmouseover="alert(1)">',
    "javascript link": '<a href="javascript:alert(1)">x</a>',
    "javascript link with a newline": '<a href="java\nscript:alert(1)">x</a>',
    "javascript link with a tab and a leading space": '<a href=" java\tscript:alert(1)">x</a>',
    "javascript link as entities": '<a href="javascript&#58;alert(1)">x</a>',
    "data url": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "vbscript url": '<a href="VBScript:msgbox(1)">x</a>',
    "svg xlink": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "form action": '<form action="javascript:alert(1)"><button>x</button></form>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "meta refresh in capitals": '<meta HTTP-EQUIV=" Refresh " content="0;url=https://evil.example/">',
    "remote image": '<img src="https://evil.example/a.png">',
    "remote image with a newline": '<img src="https:\n//evil.example/a.png">',
    "protocol-relative image": '<img src="//evil.example/a.png">',
    "backslash image": '<img src="/\\evil.example/a.png">',
    "remote srcset": '<img src="a.png" srcset="https://evil.example/a.png 2x">',
    "remote iframe": '<iframe src="https://evil.example/"></iframe>',
    "remote stylesheet": '<link rel="stylesheet" href="https://evil.example/a.css">',
    "remote css import": "<style>@import 'https://evil.example/a.css';</style>",
    "remote css background": "<p style=\"background:url('https://evil.example/a.png')\">x</p>",
    "remote video": '<video src="https://evil.example/a.mp4"></video>',
    "remote audio source": '<audio><source src="https://evil.example/a.mp3"></audio>',
    "base element": '<base href="https://evil.example/">',
    "object element": '<object data="x.swf"></object>',
}

HARMLESS = {
    "escaped markup": "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img onerror=x&gt;</p>",
    "text that reads like a scheme": "<p>javascript: is not a link here</p>",
    "link to another site": '<a href="https://example.org/cards">how it works</a>',
    "spaces inside a scheme": '<a href="java   script:alert(1)">x</a>',  # a relative URL to a browser
    "our own host": '<img src="https://crkb.example/a.png">',
    "relative image": '<img src="../assets/a.png">',
    "mail link": '<a href="mailto:team@example.org">mail</a>',
    "canonical link": '<link rel="canonical" href="https://crkb.example/x/">',
    "theme script": '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>',
    "theme config": '<script id="__config" type="application/json">{"base": ".."}</script>',
    "theme scope script": '<script>__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>'
    "(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem("
    't.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,'
    "JSON.stringify(_))}catch(e){}}</script>",
}


@pytest.mark.parametrize("html", ATTACKS.values(), ids=ATTACKS.keys())
def test_inspector_finds_each_attack(html: str) -> None:
    assert violations(html, OURS)


@pytest.mark.parametrize("html", HARMLESS.values(), ids=HARMLESS.keys())
def test_inspector_accepts_harmless_markup(html: str) -> None:
    assert violations(html, OURS) == []


@pytest.mark.slow
def test_inspector_finds_nothing_in_a_clean_build(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    fill_catalogs(root)
    built = build_site(root, tmp_path / "site")
    assert built.site is not None, built.error
    assert list(built.site.rglob("*.html")), "the build wrote no pages"
    assert site_violations(built.site, own_hosts(root)) == []
