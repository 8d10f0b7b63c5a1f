# Run by cpack after it packs (CPACK_POST_BUILD_SCRIPTS): puts the rapport-dbgsym package in
# the shape Debian's own debug-symbol packages have, which CMake 3.25's CPackDeb does not
# (its md5sums name build-tree paths; it has no documentation). The package is unpacked, its
# md5sums written again from the files, its documentation linked to rapport's (the package
# depends on that exact version, as debhelper's do), and packed again.
foreach(deb IN LISTS CPACK_PACKAGE_FILES)
    string(REGEX REPLACE "_([^_]+)_([^_]+)\\.deb$" "-dbgsym_\\1_\\2.ddeb" ddeb "${deb}")
    if(ddeb STREQUAL deb OR NOT EXISTS "${ddeb}")
        continue()
    endif()
    set(tree "${CPACK_TOPLEVEL_DIRECTORY}/dbgsym-tree")
    file(REMOVE_RECURSE "${tree}")
    execute_process(COMMAND dpkg-deb -R "${ddeb}" "${tree}" COMMAND_ERROR_IS_FATAL ANY)
    file(GLOB_RECURSE debug_files LIST_DIRECTORIES false RELATIVE "${tree}" "${tree}/usr/*")
    set(sums "")
    foreach(f IN LISTS debug_files)
        file(CHMOD "${tree}/${f}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
        file(MD5 "${tree}/${f}" sum)
        string(APPEND sums "${sum}  ${f}\n")
    endforeach()
    file(WRITE "${tree}/DEBIAN/md5sums" "${sums}")
    file(MAKE_DIRECTORY "${tree}/usr/share/doc")
    file(CREATE_LINK rapport "${tree}/usr/share/doc/rapport-dbgsym" SYMBOLIC)
    execute_process(COMMAND dpkg-deb --root-owner-group -b "${tree}" "${ddeb}"
                    OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
    file(REMOVE_RECURSE "${tree}")
endforeach()
