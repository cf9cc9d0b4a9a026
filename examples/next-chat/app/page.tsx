import { connection } from 'next/server';
import { standInsFromEnvironment } from '../lib/stand-ins';
import { Chat } from './chat';

export default async function ChatPage() {
  // Rendered per request: whether local stand-ins answer is known when the server starts, not
  // when the app is built.
  await connection();
  return <Chat standIns={standInsFromEnvironment()} />;
}
