package slack_test

import (
	"slices"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// TestConversationsChannelLife drives a channel through its whole life with the public API, as alice
// (an admin) and bob would, and checks each step against the fake workspace's state.
func TestConversationsChannelLife(t *testing.T) {
	ctx := t.Context()
	srv := slacktest.New()
	const bobToken = "xoxp-slacktest-0000000000-scenario-bob"
	srv.AddToken(bobToken, slacktest.BobID)
	alice := newClientFor(t, srv, slacktest.UserToken)
	bob := newClientFor(t, srv, bobToken)

	members := func(id string) []string {
		t.Helper()
		m := slices.Clone(channelState(t, srv, id).Members)
		slices.Sort(m)
		return m
	}

	// Create: alice makes #launch-plan and is its only member.
	ch, err := alice.Conversations.Create(ctx, "launch-plan", nil)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	id := ch.ID
	if st := channelState(t, srv, id); st.Name != "launch-plan" || st.Creator != slacktest.AliceID || st.IsArchived || st.IsPrivate ||
		!slices.Equal(st.Members, []string{slacktest.AliceID}) {
		t.Fatalf("after Create the fake holds %+v", st)
	}

	// Invite: bob and carol join.
	if _, err := alice.Conversations.Invite(ctx, id, []string{slacktest.BobID, slacktest.CarolID}); err != nil {
		t.Fatalf("Invite: %v", err)
	}
	if got, want := members(id), convSorted(slacktest.AliceID, slacktest.BobID, slacktest.CarolID); !slices.Equal(got, want) {
		t.Fatalf("after Invite the members are %v, want %v", got, want)
	}

	// Post, then bob replies in the thread.
	post, err := alice.Chat.PostMessage(ctx, id, &slack.ChatPostMessageParams{Text: "Kick-off at 10"})
	if err != nil {
		t.Fatalf("PostMessage: %v", err)
	}
	reply, err := bob.Chat.PostMessage(ctx, id, &slack.ChatPostMessageParams{Text: "I'll bring slides", ThreadTS: post.TS})
	if err != nil {
		t.Fatalf("reply: %v", err)
	}
	stored := srv.Messages(id)
	if len(stored) != 2 || stored[0].TS != post.TS || stored[0].User != slacktest.AliceID || stored[0].ThreadTS != post.TS ||
		stored[1].TS != reply.TS || stored[1].User != slacktest.BobID || stored[1].ThreadTS != post.TS {
		t.Fatalf("after the post and the reply the fake holds %+v", stored)
	}

	// HistoryAll shows the post (with its reply count) but not the reply; RepliesAll shows both.
	var history []slack.Message
	for m, err := range alice.Conversations.HistoryAll(ctx, id, nil) {
		if err != nil {
			t.Fatalf("HistoryAll: %v", err)
		}
		history = append(history, m)
	}
	if len(history) != 1 || history[0].TS != post.TS || history[0].Text != "Kick-off at 10" || history[0].ReplyCount != 1 ||
		!slices.Equal(history[0].ReplyUsers, []string{slacktest.BobID}) {
		t.Errorf("HistoryAll yielded %+v, want the post with bob's reply counted", history)
	}
	var thread []slack.Message
	for m, err := range bob.Conversations.RepliesAll(ctx, id, post.TS, &slack.ConversationsRepliesParams{Limit: 1}) {
		if err != nil {
			t.Fatalf("RepliesAll: %v", err)
		}
		thread = append(thread, m)
	}
	if got, want := convTSs(thread), []string{post.TS, reply.TS}; !slices.Equal(got, want) ||
		thread[1].Text != "I'll bring slides" || thread[1].ParentUserID != slacktest.AliceID {
		t.Errorf("RepliesAll yielded %+v, want the post then bob's reply", thread)
	}
	if n := srv.Count("conversations.replies"); n != 2 {
		t.Errorf("RepliesAll in pages of 1 sent %d requests for 2 messages, want 2", n)
	}

	// Rename: the old name is kept.
	renamed, err := alice.Conversations.Rename(ctx, id, "launch-2026")
	if err != nil {
		t.Fatalf("Rename: %v", err)
	}
	if st := channelState(t, srv, id); renamed.Name != "launch-2026" || st.Name != "launch-2026" ||
		!slices.Equal(st.PreviousNames, []string{"launch-plan"}) {
		t.Fatalf("after Rename: returned %q, the fake holds %+v", renamed.Name, st)
	}

	// Archive: the channel takes no more posts.
	if err := alice.Conversations.Archive(ctx, id); err != nil {
		t.Fatalf("Archive: %v", err)
	}
	if !channelState(t, srv, id).IsArchived {
		t.Fatal("after Archive the channel is not archived")
	}
	_, err = bob.Chat.PostMessage(ctx, id, &slack.ChatPostMessageParams{Text: "too late"})
	assertCode(t, err, slack.ErrIsArchived)
	if n := len(srv.Messages(id)); n != 2 {
		t.Errorf("the archived channel holds %d messages, want 2", n)
	}

	// Unarchive: bob sees it active again, under its new name.
	if err := alice.Conversations.Unarchive(ctx, id); err != nil {
		t.Fatalf("Unarchive: %v", err)
	}
	if channelState(t, srv, id).IsArchived {
		t.Fatal("after Unarchive the channel is still archived")
	}
	info, err := bob.Conversations.Info(ctx, id, &slack.ConversationsInfoParams{IncludeNumMembers: true})
	if err != nil {
		t.Fatalf("Info: %v", err)
	}
	if info.Name != "launch-2026" || info.IsArchived || info.NumMembers != 3 || !info.IsMember {
		t.Errorf("bob's Info shows %+v, want #launch-2026, active, 3 members", info)
	}

	// Leave: alice goes; bob and carol stay.
	if err := alice.Conversations.Leave(ctx, id); err != nil {
		t.Fatalf("Leave: %v", err)
	}
	if got, want := members(id), convSorted(slacktest.BobID, slacktest.CarolID); !slices.Equal(got, want) {
		t.Fatalf("after Leave the members are %v, want %v", got, want)
	}
	var memberIDs []string
	for m, err := range bob.Conversations.MembersAll(ctx, id, nil) {
		if err != nil {
			t.Fatalf("MembersAll: %v", err)
		}
		memberIDs = append(memberIDs, m)
	}
	if got, want := convSorted(memberIDs...), convSorted(slacktest.BobID, slacktest.CarolID); !slices.Equal(got, want) {
		t.Errorf("MembersAll yielded %v, want %v", got, want)
	}
}
