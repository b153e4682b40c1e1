// CGlibcCompat has no API: its object only defines the linker wrappers a static build uses.
