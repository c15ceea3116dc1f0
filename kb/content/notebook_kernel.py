"""The `kb/notebook-kernel` plugin: notebooks run on a kernel that talks over local sockets.

mkdocs-jupyter executes notebooks through nbconvert, which starts an IPython
kernel that listens on TCP ports of 127.0.0.1 by default and warns, on every
cold build, that the traffic is unencrypted. Over IPC (Unix sockets in the
Jupyter runtime directory, readable by the user only) there is nothing to warn
about. nbconvert reads its settings from the directories in JUPYTER_CONFIG_PATH;
this plugin puts the project's `jupyter/` directory first there, so every way of
building (`mkdocs serve`, `make build`, the tests) runs the kernel the same way.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

CONFIG_PATH = "JUPYTER_CONFIG_PATH"


def with_config_dir_first(search_path: str, config_dir: str) -> str:
    """JUPYTER_CONFIG_PATH with `config_dir` first, each directory listed once."""
    others = [entry for entry in search_path.split(os.pathsep) if entry and entry != config_dir]
    return os.pathsep.join([config_dir, *others])


class NotebookKernelConfig(Config):
    # Holds jupyter_nbconvert_config.py.
    config_dir = c.Dir(exists=True, default="jupyter")


class NotebookKernelPlugin(BasePlugin[NotebookKernelConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_dir = str(Path(self.config.config_dir).resolve())
        os.environ[CONFIG_PATH] = with_config_dir_first(os.environ.get(CONFIG_PATH, ""), config_dir)
        return config
