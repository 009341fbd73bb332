package slacktest

import (
	"slices"
)

var filesHandlers = map[string]handler{
	"files.comments.add":    filesCommentsAdd,
	"files.comments.edit":   filesCommentsEdit,
	"files.comments.delete": filesCommentsDelete,
}

// fileArg finds the file named by the "file" argument. Every member of the workspace can see every file.
func (c *call) fileArg() (*File, *answer) {
	f, found := c.ws.files[c.arg("file")]
	if !found {
		return nil, fail("file_not_found")
	}
	return f, nil
}

// commentArg finds the comment named by the "id" argument on f, and its index.
func (c *call) commentArg(f *File) (int, *answer) {
	id := c.arg("id")
	i := slices.IndexFunc(f.Comments, func(cm Comment) bool { return cm.ID == id })
	if id == "" || i < 0 {
		return -1, fail("comment_not_found")
	}
	return i, nil
}

// commentText reads the "comment" argument: no_comment when it is empty.
func (c *call) commentText() (string, *answer) {
	if c.arg("comment") == "" {
		return "", fail("no_comment")
	}
	return c.form.Get("comment"), nil
}

// renderComment renders a comment on f the way Slack does.
func renderComment(f *File, cm Comment) obj {
	return obj{"id": cm.ID, "created": cm.Created, "timestamp": cm.Created, "user": cm.User,
		"comment": cm.Comment, "is_intro": false, "channel": f.Channel}
}

func filesCommentsAdd(c *call) *answer {
	f, errAnswer := c.fileArg()
	if errAnswer != nil {
		return errAnswer
	}
	text, errAnswer := c.commentText()
	if errAnswer != nil {
		return errAnswer
	}
	cm := Comment{ID: c.ws.newID("Fc"), User: c.caller.ID, Comment: text, Created: c.ws.now().Unix()}
	f.Comments = append(f.Comments, cm)
	return ok(obj{"comment": renderComment(f, cm)})
}

func filesCommentsEdit(c *call) *answer {
	f, errAnswer := c.fileArg()
	if errAnswer != nil {
		return errAnswer
	}
	i, errAnswer := c.commentArg(f)
	if errAnswer != nil {
		return errAnswer
	}
	text, errAnswer := c.commentText()
	if errAnswer != nil {
		return errAnswer
	}
	if f.Comments[i].User != c.caller.ID {
		return fail("cant_edit")
	}
	f.Comments[i].Comment = text
	return ok(obj{"comment": renderComment(f, f.Comments[i])})
}

func filesCommentsDelete(c *call) *answer {
	f, errAnswer := c.fileArg()
	if errAnswer != nil {
		return errAnswer
	}
	i, errAnswer := c.commentArg(f)
	if errAnswer != nil {
		return errAnswer
	}
	if f.Comments[i].User != c.caller.ID && !c.caller.IsAdmin {
		return fail("cant_delete")
	}
	f.Comments = slices.Delete(f.Comments, i, i+1)
	return ok(nil)
}
