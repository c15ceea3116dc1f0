# nbconvert settings for the notebooks mkdocs-jupyter executes (kb/content/notebook_kernel.py
# puts this directory on JUPYTER_CONFIG_PATH).
import os

from jupyter_core.paths import jupyter_runtime_dir
from jupyter_core.utils import ensure_dir_exists

c = get_config()  # noqa: F821 -- traitlets defines it for config files

# The kernel talks over Unix sockets in the user's runtime directory (mode 700), not unencrypted TCP.
runtime_dir = jupyter_runtime_dir()
ensure_dir_exists(runtime_dir, 0o700)
c.KernelManager.transport = "ipc"
# Absolute, so the kernel (started in the notebook's directory) finds the sockets; one prefix
# per build process, so parallel builds do not meet. Each kernel numbers its sockets after
# the ones that exist, and removes them when it shuts down.
c.KernelManager.ip = os.path.join(runtime_dir, f"kb-kernel-{os.getpid()}")
