"""The language server: ``restorelint server`` speaks LSP over stdio, so editors
show findings as the writer types and offer the fixes, the rewrites and the
suppressions as code actions.

It is a way in beside the command line and the API: documents go through the
same pipeline, under the configuration ``check`` would use for the file, with
the model loaded once for the server's lifetime. It reads configuration files,
never writes a file (every edit goes back to the editor as a workspace edit),
never opens a network connection and binds no port.

    positions  character offsets ↔ LSP positions, in the client's encoding
    documents  which configuration governs a document, and its findings
    diagnostics, actions, hover   findings as LSP records
    app        the pygls server and its handlers; command: ``restorelint server``
"""
