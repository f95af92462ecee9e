"""The plain-MkDocs twin's only hook: the CSS-string filter site_overrides/main.html uses.

Everything else of the generator stays out of the twin's build.
"""

from generator.host import css


def on_env(env, config, files):
    env.filters["css_string"] = css.string
    return env
