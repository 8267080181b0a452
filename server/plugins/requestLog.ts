// What the server's console says about each request. At the default level (`LOG_LEVEL=info`) a
// request that went well writes nothing, so the console holds what an operator must see — the first
// administrator's password at first start, warnings and errors — instead of scrolling with every
// page load. `LOG_LEVEL=debug` adds one line per request (method, URL, status, time), `trace` also
// the moment it came in. A request that failed (5xx) is logged at warn, its error at error.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.trace({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const fields = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    // The error handler logged why at error; this names the request that failed.
    else if (reply.statusCode >= 500) reply.log.warn(fields, 'request failed');
    else reply.log.debug(fields, 'request completed');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) reply.log.error({ req: request, res: reply, err: error }, error.message);
    else reply.log.debug({ res: reply, err: error }, error.message);
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.debug(`Route ${request.raw.method}:${request.raw.url} not found`);
  }

  override streamError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    // A browser that went away mid-download is no news; a stream that broke is.
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') reply.log.debug({ res: reply }, 'stream closed prematurely');
    else reply.log.warn({ err: error }, 'response terminated with an error with headers already sent');
  }
}
