#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Name the piglit programs our test lists run.

piglit builds about 1,800 test programs for GL, GLES 2 and GLES 3; our
lists (smoke.txt, gl33-opengl.txt, gl33-shader.txt and the coherent_svga
profile) run a few hundred tests made of a few dozen programs.  The build
(scripts/build.d/piglit.sh) compiles and installs only the programs named
here, which makes the guest image's piglit a fraction of the whole.

    programs.py [--generated FILE] TESTS-DIR LIST PROFILE [LIST PROFILE ...]

TESTS-DIR holds piglit's serialised profiles (PROFILE.xml.gz, as in the
build's object directory or the installed /usr/lib/piglit/tests).  Each
LIST is a test list (one lower-case test name a line, '#' comments) run
against PROFILE; a LIST of '-' stands for every test of PROFILE.  Prints
the programs' names, sorted, one a line.  --generated FILE writes to FILE
the files under generated_tests/ the listed tests read (their commands'
arguments): the build installs only those of piglit's 2 GB of generated
tests.  Exits 1, naming them, when a
listed test is not in its profile: a list that names a test piglit does
not have would otherwise be built without it and skipped at run time.
"""
import ast
import gzip
import sys
import xml.etree.ElementTree as ET


def read_list(path):
    with open(path) as f:
        return [line.split('#', 1)[0].strip() for line in f
                if line.split('#', 1)[0].strip()]


def profile_commands(tests_dir, profile):
    """Test name (lower case) -> its command, a list of strings."""
    commands = {}
    with gzip.open('%s/%s.xml.gz' % (tests_dir, profile)) as f:
        for test in ET.parse(f).getroot().iter('Test'):
            for opt in test.iter('option'):
                if opt.get('name') == 'command':
                    # a Python list literal of strings
                    commands[test.get('name').lower()] = \
                        ast.literal_eval(opt.get('value'))
    return commands


def main(argv):
    generated_out = None
    if len(argv) > 2 and argv[1] == '--generated':
        generated_out, argv = argv[2], argv[2:]
    if len(argv) < 4 or len(argv) % 2:
        sys.stderr.write(__doc__)
        return 2
    tests_dir, pairs = argv[1], argv[2:]
    programs, generated, missing = set(), set(), []
    for list_path, profile in zip(pairs[::2], pairs[1::2]):
        commands = profile_commands(tests_dir, profile)
        names = commands if list_path == '-' else read_list(list_path)
        for name in names:
            if name.lower() in commands:
                command = commands[name.lower()]
                programs.add(command[0])
                generated.update(arg for arg in command[1:]
                                 if arg.startswith('generated_tests/'))
            else:
                missing.append('%s (profile %s, list %s)' %
                               (name, profile, list_path))
    if missing:
        sys.stderr.write('programs.py: tests not in their profile:\n  ' +
                         '\n  '.join(missing) + '\n')
        return 1
    if generated_out:
        with open(generated_out, 'w') as f:
            f.write(''.join(path + '\n' for path in sorted(generated)))
    print('\n'.join(sorted(programs)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
