package slack

import (
	"context"
	"net/url"
)

// FilesService holds the files.* methods: files and their details, the upload flow (Upload), and the
// retired files.comments.* methods.
type FilesService service

// commentReply is the answer of files.comments.add and files.comments.edit.
type commentReply struct {
	envelope
	Comment Comment `json:"comment"`
}

// AddComment adds a comment to a file and returns it.
//
// Slack API: https://api.slack.com/methods/files.comments.add (Tier 2, files:write:user)
//
// Deprecated: Slack retired files.comments.add in May 2019 (file threads replaced comments in July 2018);
// reply in the file's thread with [ChatService.PostMessage] and [ChatPostMessageParams.ThreadTS].
func (s *FilesService) AddComment(ctx context.Context, file, comment string) (*Comment, error) {
	const method = "files.comments.add"
	if err := required(method, "file", file, "comment", comment); err != nil {
		return nil, err
	}
	var out commentReply
	if err := s.client.Call(ctx, method, url.Values{"file": {file}, "comment": {comment}}, &out); err != nil {
		return nil, err
	}
	return &out.Comment, nil
}

// EditComment replaces the text of a comment on a file and returns the edited comment. Only the
// comment's author may edit it.
//
// Slack API: https://api.slack.com/methods/files.comments.edit (Tier 2, files:write:user)
//
// Deprecated: Slack retired files.comments.edit in May 2019 (file threads replaced comments in July 2018);
// edit a reply in the file's thread with [ChatService.Update].
func (s *FilesService) EditComment(ctx context.Context, file, id, comment string) (*Comment, error) {
	const method = "files.comments.edit"
	if err := required(method, "file", file, "id", id, "comment", comment); err != nil {
		return nil, err
	}
	var out commentReply
	form := url.Values{"file": {file}, "id": {id}, "comment": {comment}}
	if err := s.client.Call(ctx, method, form, &out); err != nil {
		return nil, err
	}
	return &out.Comment, nil
}

// DeleteComment deletes a comment on a file. The comment's author and workspace admins may delete it.
//
// Slack API: https://api.slack.com/methods/files.comments.delete (Tier 2, files:write:user). Slack keeps
// this method working for the comments made before file threads replaced them in July 2018.
func (s *FilesService) DeleteComment(ctx context.Context, file, id string) error {
	const method = "files.comments.delete"
	if err := required(method, "file", file, "id", id); err != nil {
		return err
	}
	return s.client.Call(ctx, method, url.Values{"file": {file}, "id": {id}}, nil)
}
