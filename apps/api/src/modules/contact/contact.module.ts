import { defineModule } from '../../module';
import type { ContactAction } from './contact.policy';
import { eraseMessagesOf } from './contact.repo';
import { contactRoutes } from './contact.routes';
import { exportContactData } from './contact.service';

/** Members writing to each other through the hub, without revealing addresses; abuse reports. */
export const contactModule = defineModule({
  name: 'contact',
  routes: contactRoutes,
  authActions: {
    'contact.read': 'A message’s sender and recipient; nobody else learns it exists.',
    'contact.answer': 'A message’s recipient: answer it through the hub once, or report it.'
  } satisfies Record<`contact.${ContactAction}`, string>,
  exportPersonalData: exportContactData,
  onAccountDeleted: (_hub, tx, userId) => eraseMessagesOf(tx, userId)
});
