import type { Config } from './config';
import type { Hub } from './hub';
import type { InboundSmtp } from './infra/inbound-smtp';
import type { HubModule } from './module';
import { modules as registry } from './modules/index';

/**
 * Starts the inbound SMTP listener when this process is configured to receive
 * replies by mail (INBOUND_SMTP_PORT), handing what arrives to the domain whose
 * descriptor declares `inboundMail`. Undefined when not configured.
 */
export async function startInboundMail(
  config: Config,
  hub: Hub,
  options: { modules?: readonly HubModule[]; port?: number } = {}
): Promise<InboundSmtp | undefined> {
  const settings = config.replyByMail;
  if (!settings?.smtp) return undefined;
  const owner = (options.modules ?? registry).find((m) => m.inboundMail);
  if (!owner?.inboundMail) return undefined;
  // Loaded only where a listener runs: the parser and the SMTP server are not small.
  const { startInboundSmtp } = await import('./infra/inbound-smtp');
  return startInboundSmtp({
    host: settings.smtp.host,
    port: options.port ?? settings.smtp.port,
    maxBytes: settings.maxBytes,
    name: settings.domain,
    handler: owner.inboundMail(hub),
    log: hub.log
  });
}
