/** One message the fake WeCom accepted, as the tests read it back. */
export interface SentMessage {
  at: number;
  api: 'message/send' | 'kf/send_msg' | 'kf/send_msg_on_event' | 'update_template_card';
  to: string;
  body: Record<string, unknown>;
  msgid: string;
  /** Past WeCom's per-member limit: accepted but never delivered, as WeCom does. */
  dropped: boolean;
}
