package slack

// FilesService holds the files.comments.* methods.
type FilesService service
