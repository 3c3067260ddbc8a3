import { App, Button, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../api/client';

/** Uploads each chosen file at once and hands its id to the form, which sends the ids with its save. */
export function FileUpload({ label, onUploaded }: { label: string; onUploaded: (id: string) => void }) {
  const { message } = App.useApp();
  return (
    <Upload
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const uploaded = await api.upload<{ id: string }>('/api/v1/files', file as File);
          onUploaded(uploaded.id);
          onSuccess?.(uploaded);
        } catch (error) {
          onError?.(error as Error);
          message.error((error as Error).message);
        }
      }}
    >
      <Button icon={<UploadOutlined />}>{label}</Button>
    </Upload>
  );
}
