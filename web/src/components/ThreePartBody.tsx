import { Form, Input } from 'antd';

/** The body of a proposal or an opinion report in its three customary parts: 情况, 分析, 建议 (DESIGN §5). */
export function ThreePartBody({ hints }: { hints: { situation: string; analysis: string } }) {
  return (
    <>
      <Form.Item name="situation" label="情况" rules={[{ required: true, message: '请填写情况' }]}>
        <Input.TextArea autoSize={{ minRows: 4 }} placeholder={hints.situation} />
      </Form.Item>
      <Form.Item name="analysis" label="分析" rules={[{ required: true, message: '请填写分析' }]}>
        <Input.TextArea autoSize={{ minRows: 4 }} placeholder={hints.analysis} />
      </Form.Item>
      <Form.Item name="suggestions" label="建议" rules={[{ required: true, message: '请填写建议' }]}>
        <Input.TextArea autoSize={{ minRows: 4 }} placeholder="具体、可行的建议" />
      </Form.Item>
    </>
  );
}
