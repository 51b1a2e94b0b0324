# SPDX-License-Identifier: MIT
"""coherent-svga's coherent-memory tests (piglit-tests/tests).

scripts/build.d/piglit.sh installs this profile as tests/coherent_svga.py
in the pinned piglit tree, which serialises it to coherent_svga.xml.gz as
piglit does its own profiles: `piglit run coherent_svga -p gbm RESULTS`.
Each test reports subtests; the tests run one at a time (each streams
frames and waits on fences; running them at once under TCG only makes
each slower).
"""

from framework import grouptools
from framework.profile import TestProfile
from framework.test import PiglitGLTest

__all__ = ['profile']

profile = TestProfile()  # pylint: disable=invalid-name

with profile.test_list.group_manager(
        PiglitGLTest, grouptools.join('coherent-svga')) as g:
    g(['csvga-coherent-stream'], 'stream', run_concurrent=False)
    g(['csvga-coherent-gpu-write'], 'gpu-write', run_concurrent=False)
    g(['csvga-coherent-rebind'], 'rebind', run_concurrent=False)
    # 240 MiB: not a power of two (stock Mesa rounds buffer surfaces up
    # to one, mesa-svga 0007), and below the device's largest MOB, 256
    # MiB, less the stream-output state persistent buffers carry
    # (piglit-tests/README.md, csvga-coherent-large).
    g(['csvga-coherent-large', '-size', '240'], 'large', run_concurrent=False)
    g(['csvga-coherent-shared-context'], 'shared-context', run_concurrent=False)
