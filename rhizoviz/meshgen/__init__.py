"""Generator of rhizoviz's committed meshes (``rhizoviz build-meshes``).

The body is a procedural figure: a smooth union of signed-distance primitives,
contoured, decimated and labelled by dermatome; the spine is built from simple
parametric parts on a curved centreline. Everything is computed from numbers in
this package, so the output is small, licence-free and byte-for-byte repeatable.
"""
