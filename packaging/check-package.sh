#!/bin/sh
# Checks Rapport's Debian package as a user's machine would meet it.
#   check-package.sh build BUILD_DIR OUT_DIR   pack it (cpack -G DEB) into OUT_DIR
#   check-package.sh lintian OUT_DIR           lintian: no errors, no warnings
#   check-package.sh install OUT_DIR           install it into a clean Debian 12 root made by
#                                              mmdebstrap, run it there, purge it again
# Exit status 77 means the machine cannot run the check (ctest reports it as skipped).
set -eu

mode=$1
case "$mode" in
build)
    build=$2 out=$3
    rm -rf "$out"
    mkdir -p "$out"
    cpack -G DEB --config "$build/CPackConfig.cmake" -B "$out"
    rm -rf "$out/_CPack_Packages"
    ls "$out"/rapport_*.deb "$out"/rapport-dbgsym_*.ddeb
    ;;
lintian)
    out=$2
    if ! command -v lintian >/dev/null; then
        echo "lintian is not installed: skipped"
        exit 77
    fi
    # Every tag at warning level or above fails; info and pedantic tags are shown.
    lintian --fail-on error,warning --display-info "$out"/rapport_*.deb "$out"/rapport-dbgsym_*.ddeb
    echo "lintian: no errors, no warnings"
    ;;
install)
    out=$2
    if [ "${RAPPORT_TEST_PACKAGE_INSTALL:-}" != 1 ]; then
        echo "set RAPPORT_TEST_PACKAGE_INSTALL=1 to install the package into a clean root: skipped"
        exit 77
    fi
    if ! command -v mmdebstrap >/dev/null || [ "$(id -u)" -ne 0 ]; then
        echo "needs mmdebstrap and root: skipped"
        exit 77
    fi
    deb=$(ls "$out"/rapport_*.deb)
    # The machine's own Debian mirror when it names one, else Debian's.
    sources=
    [ -f /etc/apt/sources.list.d/debian.sources ] && sources=/etc/apt/sources.list.d/debian.sources
    # In the clean root: install with apt (which fetches every dependency the package
    # declares), run both programs, then purge and check nothing of Rapport is left.
    mmdebstrap --variant=apt --quiet \
        --aptopt='Acquire::Check-Valid-Until "false"' \
        --customize-hook="copy-in $deb /tmp" \
        --customize-hook='chroot "$1" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/'"$(basename "$deb")" \
        --customize-hook='chroot "$1" rapport --version' \
        --customize-hook='chroot "$1" env HOME=/root rapport-cli demo --leads 25' \
        --customize-hook='test "$(chroot "$1" env HOME=/root rapport-cli count leads)" -eq 25' \
        --customize-hook='test -s "$1/usr/share/man/man1/rapport.1.gz" && test -s "$1/usr/share/man/man1/rapport-cli.1.gz"' \
        --customize-hook='chroot "$1" dpkg-query -W libqt6sql6-psql' \
        --customize-hook='chroot "$1" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q rapport' \
        --customize-hook='! chroot "$1" dpkg-query -W rapport 2>/dev/null' \
        --customize-hook='test ! -e "$1/usr/bin/rapport" && test ! -e "$1/usr/share/doc/rapport"' \
        bookworm /dev/null $sources
    echo "installed, ran and purged in a clean Debian 12 root"
    ;;
*)
    sed -n '2,7p' "$0"
    exit 2
    ;;
esac
