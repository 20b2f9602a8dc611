"""Page text is data, not code (helpcentre/page_text.py): what an article may write, and every way it
might try to reach Python, read secrets or files, or exhaust the build machine, refused with its
line and what is allowed. No build here: the sandbox alone, with stand-ins for our macros
(test_bad_input.py runs the real build with some of these)."""

from __future__ import annotations

import functools

import pytest

from helpcentre.macro_calls import BLOCK_MACROS
from helpcentre.page_text import MacroCallError, PageTextEnvironment, PageTextError, render


def _macro(function):
    """Wrapped like the real macros (functools.wraps), so attributes such as __wrapped__ exist."""

    @functools.wraps(function)
    def call(*args):
        return function(*args)

    return call


def _note(note_id):
    if note_id != "pause":
        raise MacroCallError(f"note({note_id!r}): unknown note '{note_id}'")
    return '<div class="admonition">pause</div>'


MACROS = {
    "note": _macro(_note),
    "procedure": _macro(lambda procedure_id: f"<ol><li>{procedure_id}</li></ol>"),
    "label": _macro(lambda label_id: f"<b>{label_id}</b>"),
    "plan": _macro(lambda plan_id: plan_id.title()),
    "product": _macro(lambda: "Acme Campaigns"),
    "plan_section": lambda *plans, caller=None: f"<div data-plans='{' '.join(plans)}'>\n{caller()}\n</div>",
}


@pytest.fixture(scope="module")
def sandbox():
    return PageTextEnvironment(MACROS)


def refused(sandbox, text: str) -> PageTextError:
    with pytest.raises(PageTextError) as error:
        render(sandbox, text, BLOCK_MACROS)
    return error.value


# --- What writers write keeps working -------------------------------------------------


@pytest.mark.parametrize("text,output", [
    ("Cancel {{ product() }} under {{ label('billing') }}.", "Cancel Acme Campaigns under <b>billing</b>."),
    ("{{ note('pause') }}", '<div class="admonition">pause</div>'),
    ("{% call plan_section('trial', 'monthly') %}\n## Trials\n{% endcall %}", "<div data-plans='trial monthly'>\n\n## Trials\n\n</div>"),
    ("{% if plan('trial') == 'Trial' %}yes{% else %}no{% endif %}", "yes"),
    ("{% for p in ['trial', 'monthly'] %}{{ loop.index }}. {{ plan(p) }}{% if not loop.last %}, {% endif %}{% endfor %}",
     "1. Trial, 2. Monthly"),
    ("{% for p in ['a', 'b', 'c'] %}{{ loop.cycle('odd', 'even') }} {% endfor %}", "odd even odd "),
    ("{% set who = 'you' %}{% set plans = {'trial': 30} %}{{ who ~ ': ' ~ plans.trial ~ plans['trial'] }}", "you: 3030"),
    ("{% macro step(n) %}[{{ n }}]{% endmacro %}{{ step(1) }}{{ step(2) }}", "[1][2]"),
    ("{# a note for translators #}{% raw %}{{ not rendered }}{% endraw %}", "{{ not rendered }}"),
    ("{{ 12 * 3 }} {{ 2 ** 10 }} {{ 7 % 3 }} {{ 'ab' * 3 }} {{ [1] + [2] }}", "36 1024 1 ababab [1, 2]"),
    ("{{ x is defined }} {{ 3 is odd }}", "False True"),
])
def test_ordinary_page_text_renders(sandbox, text, output):
    assert render(sandbox, text, BLOCK_MACROS) == output


# --- Hostile page text ----------------------------------------------------------------

SANDBOX_ESCAPES = [
    # Jinja's globals, the usual first step to os (all gone: only our macros are names here)
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__.os.system('id') }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ namespace.__init__.__globals__.os.environ }}",
    "{{ range.__self__ }}",
    "{{ dict(a=1) }}",
    "{{ self._TemplateReference__context.cycler }}",
    "{{ self.__init__.__globals__ }}",
    # our macros' own attributes
    "{{ note.__globals__['os'] }}",
    "{{ note.__wrapped__.__globals__ }}",
    "{{ note['__globals__'] }}",
    "{{ product.__code__.co_consts }}",
    "{{ note.__call__('pause') }}",
    "{% macro box() %}{{ caller.__class__ }}{% endmacro %}{% call box() %}x{% endcall %}",
    "{% for x in [1] %}{{ loop.__class__.__init__.__globals__ }}{% endfor %}",
    "{% for x in [1] %}{{ loop._iterator }}{% endfor %}",
    # plain values' attributes and methods
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ [].__class__.__base__.__subclasses__() }}",
    "{{ (1).__class__ }}",
    "{{ plan('trial').upper() }}",
    "{% set items = [1] %}{{ items.append(2) }}",
    "{% set d = {} %}{{ d.update({'a': 1}) }}",
    # format-string tricks
    "{{ '{0.__class__.__init__.__globals__}'.format(note) }}",
    "{{ '{0}'.format_map({}) }}",
    "{{ ''['format']('{0.__class__}', 1) }}",
    "{{ '%s' % note }}",
    # mkdocs-macros' own variables and macros: config, environment, secrets, files
    "{{ config.plugins }}",
    "{{ config['extra'] }}",
    "{{ environment }}",
    "{{ plugin }}",
    "{{ git }}",
    "{{ page.file.abs_src_path }}",
    "{{ files }}",
    "{{ navigation }}",
    "{{ macros_info() }}",
    "{{ context() }}",
    "{{ now() }}",
    "{{ extra }}",
    # filters (none: a filter is a call too)
    "{{ note | attr('__globals__') }}",
    "{{ 'id' | map('upper') | list }}",
    # files
    "{% include 'mkdocs.yml' %}",
    "{% include '../../../../etc/passwd' ignore missing %}",
    "{% import 'macros/__init__.py' as m %}",
    "{% from 'x.html' import y %}",
    "{% extends 'base.html' %}",
]


@pytest.mark.parametrize("text", SANDBOX_ESCAPES)
def test_page_text_cannot_reach_python_files_or_settings(sandbox, text):
    error = refused(sandbox, "Intro\n\n" + text)
    assert error.line == 3
    assert any(words in str(error) for words in (
        "page text may call only the macros label, note, plan, plan_section, procedure, product",
        "page text cannot include, import or extend files", "No filter named",
        "text formatting with '%' is not available",
    )), str(error)


@pytest.mark.parametrize("name", [
    "range", "lipsum", "dict", "cycler", "joiner", "namespace",  # Jinja's globals
    "config", "environment", "plugin", "git", "page", "files", "navigation", "extra",  # mkdocs-macros' variables
    "macros_info", "context", "now", "fix_url", "os", "__builtins__",
])
def test_the_only_names_are_our_macros(sandbox, name):
    assert str(refused(sandbox, f"{{{{ {name} }}}}")).startswith(f"'{name}' is undefined; page text may call only")


def test_only_our_macros_can_be_called_even_if_one_returned_a_function(sandbox):
    leaky = PageTextEnvironment({**MACROS, "leak": lambda: print})
    assert str(refused(leaky, "{{ leak()('hello') }}")).startswith("'print' cannot be called")


def test_str_format_is_an_attribute_like_any_other(sandbox):
    assert str(refused(sandbox, "{{ '{0.__class__}'.format(1) }}")).startswith(
        "access to attribute 'format' of 'str' object is unsafe")


@pytest.mark.parametrize("text", [
    "{{ 'x' * 10**10 }}",
    "{{ [0] * 100000000 }}",
    "{{ 10 * 'x' * 10**9 }}",
    "{{ (10**1000) * (10**1000) }}",
    "{{ 9 ** 9999999 }}",
    "{{ 'x' * 60000 + 'y' * 60000 }}",
    "{{ range(10**9) }}",
])
def test_page_text_cannot_make_huge_values(sandbox, text):
    error = refused(sandbox, text)
    assert "too large for a page" in str(error) or "'range' is undefined" in str(error), str(error)


def test_a_page_that_loops_too_long_is_stopped_at_its_line(sandbox, monkeypatch):
    monkeypatch.setattr("helpcentre.page_text.RENDER_SECONDS", 0.3)
    error = refused(sandbox, "# Title\n\n{% for a in 'x' * 99999 %}\n{% for b in 'x' * 99999 %}{{ b }}{% endfor %}{% endfor %}")
    assert error.line in (3, 4) and "still rendering after 0.3 s" in str(error), (error.line, str(error))
    assert render(sandbox, "{% for a in 'abc' %}{{ a }}{% endfor %}", BLOCK_MACROS) == "abc"  # the timer is gone


# --- Mistakes, each with its line ------------------------------------------------------


def test_an_unknown_name_says_which_and_what_exists(sandbox):
    error = refused(sandbox, "# Title\n\n{{ prodcut() }}")
    assert (error.line, str(error).split("? ")[0]) == (3, "'prodcut' is not a macro; did you mean product(…)")
    assert str(error).endswith(sandbox.allowed())


def test_an_unknown_name_like_no_macro_gets_no_guess(sandbox):
    error = refused(sandbox, "{{ frobnicate('x') }}")
    assert str(error) == f"'frobnicate' is undefined; {sandbox.allowed()}"


def test_an_unknown_id_offers_the_closest():
    from helpcentre.render import UnknownIdError

    assert str(UnknownIdError("note", "pause_montly_only", ["pause_monthly_only", "pause_instead"])) == (
        "unknown note 'pause_montly_only'; did you mean 'pause_monthly_only'? "
        "known notes: pause_instead, pause_monthly_only")
    assert "did you mean" not in str(UnknownIdError("note", "zzz", ["pause_monthly_only"]))


def test_a_macro_error_is_on_its_line_even_inside_a_block(sandbox):
    text = "{% call plan_section('trial') %}\n## Trials\n\n{{ note('typo') }}\n{% endcall %}"
    error = refused(sandbox, text)
    assert (error.line, str(error)) == (4, "note('typo'): unknown note 'typo'")


def test_a_syntax_error_is_on_its_line(sandbox):
    error = refused(sandbox, "one\ntwo\n{{ note('pause') }\n")
    assert error.line == 3 and "unexpected '}'" in str(error)


BLOCK_LEFT_OPEN = [
    ("# Title\n\n{% if plan('trial') == 'Trial' %}\nTrials only.\n\n{{ product() }}\n\nMore.\n", 3,
     "{% if %} is never closed: write {% endif %} where its part ends, as in {% if … %} … {% endif %}"),
    ("# Title\n\n{% call plan_section('trial') %}\n## Trials\n\n{{ note('pause') }}\n\nEnd.\n", 3,
     "{% call %} is never closed: write {% endcall %} where its part ends, as in "
     "{% call plan_section('<plan id>', …) %} … {% endcall %}, each on a line of its own"),
    ("{% for p in ['trial'] %}\n{% if p %}\n{{ plan(p) }}\n{% endfor %}\n", 2,
     "{% if %} is not closed before {% endfor %} on line 4: write {% endif %} where its part ends, "
     "as in {% if … %} … {% endif %}"),
    ("{% set who = 'you' %}\n{% if who %}\n", 2, "{% if %} is never closed"),
    ("{% for p in ['trial'] %}\n{% if p %}\n{% endfor %}\n{% endif %}\n", 2,  # the right tags, misnested
     "{% if %} is not closed before {% endfor %} on line 3"),
]


@pytest.mark.parametrize("text,line,message", BLOCK_LEFT_OPEN)
def test_a_block_left_open_is_reported_at_the_line_that_opens_it(sandbox, text, line, message):
    """Jinja notices a block left open only at the page's end (or at an outer block's end tag);
    the writer is told the line that opens it, and the end tag that fits, in the build and in
    `make check` alike."""
    from helpcentre.macro_calls import call_problems

    error = refused(sandbox, text)
    assert (error.line, str(error)[:len(message)]) == (line, message)
    assert [(problem.line, problem.message) for problem in call_problems(text, None)] == [(error.line, str(error))]


def test_an_unspaced_heading_id_gets_the_fix(sandbox):
    error = refused(sandbox, "# Title\n\n## Steps {#steps}\n")
    assert (error.line, str(error)) == (
        3, "{#steps} starts a template comment; write a heading id with spaces: { #steps }")


def test_a_jinja_comment_is_not_taken_for_an_id(sandbox):
    assert render(sandbox, "a {#comment#} b {# another #} c", BLOCK_MACROS) == "a  b  c"


@pytest.mark.parametrize("text,line,written", [
    ("Before you go: {{ note('pause') }}", 1, "note(…)"),
    ("# Title\n\nFollow these steps: {{ procedure('cancel') }}.", 3, "procedure(…)"),
    ("{{ note('pause') }} {{ note('pause') }}", 1, "note(…)"),
    ("{% if true %}{{ note('pause') }}{% endif %}", 1, "note(…)"),
    ("Trials: {% call plan_section('trial') %}\n## T\n{% endcall %}", 1, "plan_section(…)"),
    ("{% call plan_section('trial') %}\n## T\nend {% endcall %}", 3, "{% endcall %}"),
])
def test_a_block_macro_inside_a_sentence_is_refused(sandbox, text, line, written):
    error = refused(sandbox, text)
    assert (error.line, str(error).split(" must")[0]) == (line, written)
    assert "must stand on a line of its own" in str(error)


@pytest.mark.parametrize("text", [
    "Intro\n{{ note('pause') }}\nMore",
    "  {{ note('pause') }}  ",
    "{% if true %}\n{{ note('pause') }}\n{% endif %}",
    "{%- if true -%}\n{{ note('pause') }}\n{%- endif %}",
    "Text with {{ label('billing') }} and {{ plan('trial') }} inline.",
])
def test_a_block_macro_on_its_own_line_is_fine(sandbox, text):
    render(sandbox, text, BLOCK_MACROS)


# --- A translation brings no template code of its own (issue 25) ----------------------------
# helpcentre/template_syntax.py reads Jinja's tokens, so a tag broken over lines counts like any
# other; `make l10n-import` and `make check` refuse what the English does not have.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from helpcentre import template_syntax  # noqa: E402

ENGLISH = "Open {{ label('billing') }}.\n\n{% call plan_section('trial') %}\n## Trials\n{% endcall %}"


@pytest.mark.parametrize("translation,added", [
    ("Apri {{ label('billing') }}.\n\n{% call plan_section('trial') %}\n## Prove\n{% endcall %}", []),
    ('Apri {{label("billing")}}.\n\n{% call plan_section( "trial" ) %}\n## Prove\n{% endcall %}', []),
    ("Apri {{ label('billing'\n) }}.\n{% call plan_section('trial') %}\n{% endcall %}", []),
    ("Apri {{ config\n}}.", [(1, "{{ config }}")]),
    ("{% for a in ['a']\n%}{{ procedure('x'\n) }}{%\nendfor %}",
     [(1, "{% for a in ['a'] %}"), (2, "{{ procedure('x' ) }}"), (3, "{% endfor %}")]),
    ("Apri {{ label('billing') }} {{ label('billing') }}.", [(1, "{{ label('billing') }}")]),
    ("Testo {# nascosto\nai lettori #}", [(1, "{# nascosto ai lettori #}")]),
    ("{% raw %}{{ x }}{% endraw %}", [(1, "{% raw %}"), (1, "{% endraw %}")]),
    ("Fine {{ config", [(1, "{{ config")]),
    ("Fine {# mai chiuso", [(1, "Fine {# mai chiuso")]),
    ("Fine {{ 'mai chiusa }}", [(1, "Fine {{ 'mai chiusa }}")]),
])
def test_template_code_a_translation_adds_is_found_however_it_is_broken(translation, added):
    assert [(c.line, c.shown) for c in template_syntax.added(translation, ENGLISH)] == added


# Pieces of text a translator (or an attacker) might put together.
PIECES = st.sampled_from(["{{ label('x') }}", "{{", "}}", "{%", "%}", "{#", "#}", "'", '"', " ", "\n", "a", "{",
                          "}", "%", "#", "-", "{% raw %}", "{% endraw %}", "{{ '}}' }}", "{%- if x -%}",
                          "{% if a %}", "{% endif %}", "{{ config }}", "{# c #}"])
ENGLISHES = st.sampled_from([ENGLISH, "{{ label('x') }}\n{# c #}\n{%- if x -%}", "{% if a %}{{ label('x') }}{% endif %}",
                             "x {{ label('x') }} y\n{% if a %}\nz {{ '}}' }}\n{% endif %}"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join), ENGLISHES)
def test_the_quick_reading_never_misses_what_lexing_finds(translation, english):
    """`make check` skips lexing a translation whose tags are the English's, written the same: that
    shortcut must never say "nothing added" where Jinja's tokens show something."""
    if template_syntax._within_quickly(translation, english):
        assert template_syntax.added(translation, english, "") == []  # two Englishes: always lexed
